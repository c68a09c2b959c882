using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Serialization;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Ledger;
using Ballotline.Server.PilotGroup;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Voting;

/// <summary>
/// Casting: checks the window and the voter, encrypts and verifies the ballot, then in ONE transaction marks
/// the voter on the roll (unique per election — the database refuses a second ballot, however many arrive at
/// once), takes the next log position, and stores the encrypted ballot in the box. The choice is never stored
/// or logged in the clear.
/// </summary>
public sealed partial class CastingService(BallotlineDb db, ElectionCrypto crypto, WriteTurns writeTurns, LedgerStatusService ledger, FinalityNotices notices, Observability.PilotMetrics metrics, TimeProvider clock, ILogger<CastingService> logger)
{
    /// <summary>Records that the ballot was shown, so the voting time can be measured.</summary>
    public async Task<(Election Election, PilotVoter Voter)> OpenBallotAsync(Guid electionId, string userId, CancellationToken ct = default)
    {
        var (election, voter) = await EligibleAsync(electionId, userId, ct);
        voter.BallotShownAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        metrics.BallotsStarted.Inc();
        return (election, voter);
    }

    public async Task<Receipt> CastAsync(Guid electionId, string userId, CastRequest request, string baseUrl, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (election, voter) = await EligibleAsync(electionId, userId, ct);
        var context = crypto.Context(election);
        var plaintext = new PlaintextBallot([.. election.Contests.Select(c => new PlaintextContest(c.Id,
            request.Selections?.TryGetValue(c.Id, out var chosen) == true ? chosen ?? [] : []))]);
        var unknown = request.Selections?.Keys.Where(k => election.Contests.All(c => c.Id != k)).ToArray() ?? [];
        if (unknown.Length > 0)
        {
            throw new DomainException("unknown-contest", $"This ballot has no contest '{unknown[0]}'.");
        }

        EncryptedBallot ballot;
        try
        {
            ballot = BallotEncryptor.Encrypt(context, plaintext).Ballot;
        }
        catch (ArgumentException e)
        {
            throw new DomainException("invalid-ballot", FriendlyBallotError(election, e.Message));
        }

        var verification = BallotVerifier.Verify(context, ballot);
        if (!verification.IsValid)
        {
            throw new InvalidOperationException("A ballot encrypted by the server failed verification: " + verification);
        }

        var code = ballot.TrackingCode;
        var ballotJson = CryptoJson.Serialize(ballot);

        // Casts in one election take turns here before they take the database's lock, so that many waiting voters
        // queue in memory instead of spinning on SQLite's busy lock or convoying on PostgreSQL's row lock.
        // Correctness does not depend on it: the transaction below is what serialises instances.
        using var turn = await writeTurns.TakeAsync(election.Id, ct);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.VoterRoll.Add(new VoterRollEntry
        {
            ElectionId = election.Id,
            PilotVoterId = voter.Id,
            CastAt = now,
            VotingSeconds = voter.BallotShownAt is { } shown ? (now - shown).TotalSeconds : null,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw AlreadyVoted();
        }

        // Taking the position inside the transaction serialises casts per election, so the log has no gaps.
        await db.Elections.Where(e => e.Id == election.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.BallotCount, e => e.BallotCount + 1), ct);
        var position = await db.Elections.Where(e => e.Id == election.Id).Select(e => e.BallotCount).SingleAsync(ct) - 1;
        db.BallotBox.Add(new BallotBoxEntry
        {
            ElectionId = election.Id,
            LogIndex = position,
            TrackingCode = code.FullHex,
            ShortCode = code.ShortCode,
            BallotJson = ballotJson,
            CastAt = now,
        });
        if (election.EmailWhenFinal)
        {
            db.FinalityNotices.Add(new FinalityNotice { ElectionId = election.Id, LogIndex = position, ProtectedRecipient = notices.Protect(voter.Email) });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        metrics.VotesCast.Inc();
        LogCast(logger, election.Slug, code.FullHex, position, voter.BallotShownAt is { } shownAt ? (now - shownAt).TotalSeconds : null);
        return ReceiptFor(election, code.FullHex, code.ShortCode, position, now, await ledger.StatusAsync(election.Id, position, ct), baseUrl);
    }

    public static Receipt ReceiptFor(Election election, string trackingCode, string shortCode, long position, DateTimeOffset castAt, BallotChainStatus chain, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(election);
        return new Receipt(election.Slug, election.Title, trackingCode, shortCode, position, castAt, chain, $"{baseUrl.TrimEnd('/')}/verify?code={trackingCode}");
    }

    private async Task<(Election, PilotVoter)> EligibleAsync(Guid electionId, string userId, CancellationToken ct)
    {
        var election = await db.Elections.AsNoTracking().FirstOrDefaultAsync(e => e.Id == electionId, ct) ?? throw DomainException.NotFound("The election");
        var voter = await db.PilotVoters.FirstOrDefaultAsync(v => v.ElectionId == electionId && v.UserId == userId, ct)
            ?? throw new DomainException("not-a-voter", "You are not registered to vote in this election.", StatusCodes.Status403Forbidden);
        var now = clock.GetUtcNow();
        switch (election.State)
        {
            case ElectionState.VotingOpen when now >= election.VotingOpensAt && now < election.VotingClosesAt:
                break;
            case ElectionState.VotingOpen when now < election.VotingOpensAt:
                throw DomainException.Conflict("voting-not-open", $"Voting opens at {election.VotingOpensAt:yyyy-MM-dd HH:mm} UTC.");
            case ElectionState.VotingOpen:
            case ElectionState.Closed:
            case ElectionState.Tallied:
                throw DomainException.Conflict("voting-closed", "Voting in this election has closed.");
            case ElectionState.Paused when election.BackupActive:
                throw DomainException.Conflict("voting-backup", $"Online voting has stopped; please vote by the backup channel: {election.BackupInstructions}");
            case ElectionState.Paused:
                throw DomainException.Conflict("voting-paused", $"Voting is paused: {election.PauseReason} You will be told when it resumes.");
            case ElectionState.Draft:
            case ElectionState.RegistrationOpen:
                throw DomainException.Conflict("voting-not-open", $"Voting has not opened yet; it opens at {election.VotingOpensAt:yyyy-MM-dd HH:mm} UTC.");
        }

        if (await db.VoterRoll.AnyAsync(r => r.ElectionId == electionId && r.PilotVoterId == voter.Id, ct))
        {
            throw AlreadyVoted();
        }

        return (election, voter);
    }

    private static DomainException AlreadyVoted() =>
        DomainException.Conflict("already-voted", "You have already voted in this election. Each voter casts one ballot; your first ballot is the one recorded.");

    private static string FriendlyBallotError(Election election, string cryptoMessage)
    {
        // The encryptor's messages name contest and candidate ids; they carry no more than the request itself.
        foreach (var contest in election.Contests)
        {
            if (cryptoMessage.Contains($"'{contest.Id}'", StringComparison.Ordinal))
            {
                var limit = contest.MinSelections == contest.MaxSelections ? $"exactly {contest.MaxSelections}" : $"{contest.MinSelections} to {contest.MaxSelections}";
                return $"\"{contest.Title}\": choose {limit}. {cryptoMessage.Split(" (Parameter", StringSplitOptions.None)[0]}";
            }
        }

        return cryptoMessage.Split(" (Parameter", StringSplitOptions.None)[0];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ballot cast in {Slug}: tracking code {TrackingCode} at log position {Position} after {VotingSeconds} s on the ballot")]
    private static partial void LogCast(ILogger logger, string slug, string trackingCode, long position, double? votingSeconds);
}
