using Ballotline.Server.Anchoring;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Voting;

/// <summary>
/// Appends a batch of ballots of one election atomically: the roll entries, the ballots at consecutive log positions
/// and their finality notices, all or none. The log positions are taken by a conditional update of the election's
/// row — the barrier with closing and pausing: closing writes the same row, so the database orders the two. A batch
/// whose update comes after the close finds the election no longer open and appends nothing; a batch that commits
/// first is in the box before the close and counted. No receipt is ever given for a ballot the tally does not cover,
/// and the log has no gaps.
/// </summary>
internal static class BallotBoxBatch
{
    /// <summary>What became of a batch.</summary>
    public enum Outcome
    {
        /// <summary>Appended; the first ballot's position is in the result.</summary>
        Appended,

        /// <summary>The election was not open at the update: nothing appended.</summary>
        NotOpen,

        /// <summary>A voter of the batch is already on the roll: nothing appended.</summary>
        VoterAlreadyOnRoll,

        /// <summary>A ballot of the batch is already in the box (a copy): nothing appended.</summary>
        BallotAlreadyInBox,
    }

    /// <summary>Appends <paramref name="casts"/> (one election's, in this order) at <paramref name="now"/>.</summary>
    public static async Task<(Outcome Outcome, long First)> AppendAsync(BallotlineDb db, Guid electionId, IReadOnlyList<PendingCast> casts, DateTimeOffset now)
    {
        try
        {
            var first = db.Database.IsNpgsql()
                ? await AppendInOneStatementAsync(db, electionId, casts, now)
                : await AppendInTransactionAsync(db, electionId, casts, now);
            return first is { } position ? (Outcome.Appended, position) : (Outcome.NotOpen, 0);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            // Which unique index refused a row tells the two refusals apart.
            db.ChangeTracker.Clear();
            return (DbErrors.IsUniqueViolationOn(e, "VoterRoll") ? Outcome.VoterAlreadyOnRoll : Outcome.BallotAlreadyInBox, 0);
        }
    }

    // SQLite: the position, one batch of inserts, the commit (one write of the log to disk for the whole batch).
    private static async Task<long?> AppendInTransactionAsync(BallotlineDb db, Guid electionId, IReadOnlyList<PendingCast> casts, DateTimeOffset now)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();

        // One statement takes the positions and reads them back (RETURNING: SQLite ≥ 3.35).
        var open = ElectionState.VotingOpen.ToString();
        var counts = await db.Database.SqlQuery<long>(
            $"UPDATE \"Elections\" SET \"BallotCount\" = \"BallotCount\" + {casts.Count} WHERE \"Id\" = {electionId} AND \"State\" = {open} RETURNING \"BallotCount\" AS \"Value\"")
            .ToListAsync();
        if (counts.Count == 0)
        {
            await transaction.RollbackAsync();
            return null;
        }

        // The roll says only "has voted": no time, nothing shared with the box. Its insertion order still follows the
        // log's while voting runs; closing re-writes it in random order (Elections/VoterOrder).
        var first = counts[0] - casts.Count;
        for (var i = 0; i < casts.Count; i++)
        {
            var cast = casts[i];
            db.VoterRoll.Add(new VoterRollEntry { ElectionId = electionId, PilotVoterId = cast.VoterId });
            db.BallotBox.Add(new BallotBoxEntry
            {
                ElectionId = electionId,
                LogIndex = first + i,
                TrackingCode = cast.TrackingCode,
                ShortCode = cast.ShortCode,
                BallotJson = cast.BallotJson,
                CastAt = now,
            });
            if (cast.ProtectedRecipient is { } recipient)
            {
                db.FinalityNotices.Add(new FinalityNotice { ElectionId = electionId, LogIndex = first + i, ProtectedRecipient = recipient });
            }
        }

        // A unique index that refuses a row (a second ballot of a voter, a copy of a ballot) throws here, and the
        // transaction rolls back on disposal: no ballot without its roll entry, none of the batch appended.
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return first;
    }

    /// <summary>
    /// PostgreSQL: the same append as one statement. Its data-modifying CTEs take the positions under the same
    /// conditional update of the election's row and insert the roll entries, the ballots and the finality notices
    /// with it, atomically: a statement commits whole or not at all. Every statement of PostgreSQL's costs CPU on
    /// the same cores as the server's, so a batch is one round trip and one commit however many ballots it holds.
    /// </summary>
    private static async Task<long?> AppendInOneStatementAsync(BallotlineDb db, Guid electionId, IReadOnlyList<PendingCast> casts, DateTimeOffset now)
    {
        var open = ElectionState.VotingOpen.ToString();
        var online = VotingChannel.Online.ToString();
        var count = casts.Count;
        var voters = casts.Select(c => c.VoterId).ToArray();
        var codes = casts.Select(c => c.TrackingCode).ToArray();
        var shortCodes = casts.Select(c => c.ShortCode).ToArray();
        var ballots = casts.Select(c => c.BallotJson).ToArray();
        var recipients = casts.Select(c => c.ProtectedRecipient).ToArray();
        var positions = await db.Database.SqlQuery<long>($"""
            WITH position AS (
                UPDATE "Elections" SET "BallotCount" = "BallotCount" + {count} WHERE "Id" = {electionId} AND "State" = {open}
                RETURNING "BallotCount" - {count} AS "Value"),
            pending AS (
                SELECT c.voter, c.code, c.short_code, c.ballot, c.recipient, position."Value" + c.n - 1 AS log_index
                FROM position, unnest({voters}::uuid[], {codes}::text[], {shortCodes}::text[], {ballots}::text[], {recipients}::text[])
                    WITH ORDINALITY AS c(voter, code, short_code, ballot, recipient, n)),
            roll AS (
                INSERT INTO "VoterRoll" ("ElectionId", "PilotVoterId", "Channel") SELECT {electionId}, voter, {online} FROM pending),
            box AS (
                INSERT INTO "BallotBox" ("ElectionId", "LogIndex", "TrackingCode", "ShortCode", "BallotJson", "CastAt")
                SELECT {electionId}, log_index, code, short_code, ballot, {now} FROM pending),
            notice AS (
                INSERT INTO "FinalityNotices" ("ElectionId", "LogIndex", "ProtectedRecipient")
                SELECT {electionId}, log_index, recipient FROM pending WHERE recipient IS NOT NULL)
            SELECT "Value" FROM position
            """).ToListAsync();
        return positions.Count == 0 ? null : positions[0];
    }
}
