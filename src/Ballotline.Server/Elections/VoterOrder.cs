using System.Security.Cryptography;
using Ballotline.Server.Accounts;
using Ballotline.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Elections;

/// <summary>
/// Erases, once voting has closed, the order in which voters acted. While voting runs, rows written when a voter
/// acts — the roll entry in the casting transaction, the account made at registration (a voter usually votes
/// minutes later), the feedback answer given just after — are stored in that order: SQLite's rowid, PostgreSQL's
/// transaction id (xmin) and tuple position (ctid) follow it, and so follow the ballot log's. Each such row is
/// re-written here in a random order; after this, no row says in which order anyone voted. Done once per election,
/// claimed by <see cref="Election.VoterOrderErased"/> in the same transaction: by the close, or — when the server
/// died between the close and this — by the scheduler's next pass (<see cref="ElectionScheduler"/>).
/// </summary>
/// <remarks>
/// SQLite is told to overwrite what it deletes and to fold its write-ahead log back, so the old order is not left
/// in the file. PostgreSQL would keep the old row versions in the tables' pages until vacuumed: the tables are
/// re-written without them (<c>VACUUM FULL</c>; a pilot's few hundred rows, locked for milliseconds). Its write-ahead
/// log and any backup taken before keep them until they are recycled (docs/security.md). No cast can interleave:
/// the close has committed, and casting refuses a closed election.
/// </remarks>
public static partial class VoterOrder
{
    /// <returns>Whether this call erased it (false: it was done already, or the election is not closed).</returns>
    public static async Task<bool> EraseAsync(BallotlineDb db, Guid electionId, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sqlite = db.Database.IsSqlite();
        var users = Table<BallotlineUser>(db);
        var userRows = new[] { typeof(IdentityUserRole<string>), typeof(IdentityUserClaim<string>), typeof(IdentityUserLogin<string>), typeof(IdentityUserToken<string>) }
            .Select(type => db.Model.FindEntityType(type)?.GetTableName()).OfType<string>().ToArray();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // The claim: one erasure per election, whichever instance or pass gets here first; the others find it done.
            if (await db.Elections.Where(e => e.Id == electionId && !e.VoterOrderErased
                    && (e.State == ElectionState.Closed || e.State == ElectionState.Tallied))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.VoterOrderErased, true), ct) == 0)
            {
                return false;
            }

            // The roll and the feedback answers have no key anything refers to: re-inserted in a random order, their
            // keys (and SQLite's rowids) are new.
            var entries = await db.VoterRoll.AsNoTracking().Where(r => r.ElectionId == electionId).Select(r => new { r.PilotVoterId, r.Channel }).ToArrayAsync(ct);
            RandomNumberGenerator.Shuffle(entries.AsSpan());
            await db.VoterRoll.Where(r => r.ElectionId == electionId).ExecuteDeleteAsync(ct);
            db.VoterRoll.AddRange(entries.Select(e => new Voting.VoterRollEntry { ElectionId = electionId, PilotVoterId = e.PilotVoterId, Channel = e.Channel }));
            var answers = await db.Feedback.AsNoTracking().Where(f => f.ElectionId == electionId).ToArrayAsync(ct);
            RandomNumberGenerator.Shuffle(answers.AsSpan());
            await db.Feedback.Where(f => f.ElectionId == electionId).ExecuteDeleteAsync(ct);
            foreach (var answer in answers)
            {
                answer.Id = 0;
            }

            db.Feedback.AddRange(answers);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            // Rows others refer to keep their keys and are moved instead: in SQLite to a new rowid at the table's
            // end, in PostgreSQL by an update that writes a new version, one after the other in a random order (one
            // transaction: one xmin for all).
            var voters = await db.PilotVoters.Where(v => v.ElectionId == electionId).Select(v => new { v.Id, v.UserId }).ToArrayAsync(ct);
            RandomNumberGenerator.Shuffle(voters.AsSpan());

            // A lock-out's end is the time of a voter's failed sign-ins plus the lock-out: once past, it locks nothing
            // and only says when the voter was trying to sign in — minutes before voting, as a rule.
            var accounts = voters.Select(v => v.UserId).OfType<string>().ToList();
            var now = clock.GetUtcNow();
            await db.Users.Where(u => accounts.Contains(u.Id) && u.LockoutEnd != null && u.LockoutEnd < now)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), ct);
            foreach (var voter in voters)
            {
                if (!sqlite)
                {
                    await db.Database.ExecuteSqlAsync($"UPDATE \"PilotVoters\" SET \"BallotShown\" = \"BallotShown\" WHERE \"Id\" = {voter.Id}", ct);
                }

                if (voter.UserId is null)
                {
                    continue;
                }

                await MoveAsync(db, sqlite, users, "Id", voter.UserId, ct);
                foreach (var table in userRows)
                {
                    await MoveAsync(db, sqlite, table, "UserId", voter.UserId, ct);
                }
            }

            await transaction.CommitAsync(ct);
        }

        if (sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
        }
        else
        {
            // The mail too: PostgreSQL leaves a deleted row's bytes in the page, and the receipts and final notices
            // deleted once delivered tie addresses to tracking codes (SQLite overwrites them: Data/SqlitePragmas).
            string[] written = [Table<Voting.VoterRollEntry>(db), Table<Feedback.FeedbackResponse>(db), Table<PilotGroup.PilotVoter>(db), users, .. userRows, Table<Mail.OutgoingMail>(db)];
            var vacuum = "VACUUM FULL " + string.Join(", ", written.Select(t => $"\"{t}\"")); // names from the model
            try
            {
                await db.Database.ExecuteSqlRawAsync(vacuum, ct);
            }
            catch (Npgsql.PostgresException e)
            {
                // Only a table's owner may re-write it (a database set up by another role): the order is erased from the
                // live rows all the same; the old versions wait for autovacuum unless someone runs it.
                LogNotVacuumed(logger, vacuum, e.MessageText);
            }
        }

        return true;
    }

    private static string Table<T>(BallotlineDb db) =>
        db.Model.FindEntityType(typeof(T))?.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");

    // Table and column names come from the model above, never from input; keys are parameters. In SQLite each row
    // moves on its own (a user with two roles has two rows, which one statement would give the same new rowid).
#pragma warning disable EF1002
    private static async Task MoveAsync(BallotlineDb db, bool sqlite, string table, string column, string key, CancellationToken ct)
    {
        if (!sqlite)
        {
            await db.Database.ExecuteSqlRawAsync($"UPDATE \"{table}\" SET \"{column}\" = \"{column}\" WHERE \"{column}\" = {{0}}", [key], ct);
            return;
        }

        var rows = await db.Database.SqlQueryRaw<long>($"SELECT rowid AS \"Value\" FROM \"{table}\" WHERE \"{column}\" = {{0}}", key).ToListAsync(ct);
        foreach (var row in rows)
        {
            await db.Database.ExecuteSqlRawAsync($"UPDATE \"{table}\" SET rowid = (SELECT max(rowid) + 1 FROM \"{table}\") WHERE rowid = {{0}}", [row], ct);
        }
    }
#pragma warning restore EF1002

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tables re-ordered at the close could not be re-written without their old row versions ({Error}): run {Command} as their owner")]
    private static partial void LogNotVacuumed(ILogger logger, string command, string error);
}
