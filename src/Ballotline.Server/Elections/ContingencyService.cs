using System.Text.Json;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Operations;
using Ballotline.Server.Voting;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Elections;

/// <summary>
/// The pilot plan's rollback procedure: switch to the traditional backup channel (online casting stops, voters
/// are told how to vote instead, an incident is logged), record who voted by the backup channel — on the same roll
/// as online voters, so no one votes twice across channels — enter the backup totals, and copy an election into a
/// new draft to schedule another pilot.
/// </summary>
public sealed partial class ContingencyService(BallotlineDb db, ElectionService elections, Mail.PilotNotices notices, OperationsService operations, TimeProvider clock, ILogger<ContingencyService> logger)
{
    public async Task<Election> RollbackAsync(Guid id, string instructions, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(instructions) || instructions.Length > 4000)
        {
            throw new DomainException("instructions-required", "Tell voters how to vote by the backup channel (at most 4,000 characters).");
        }

        var election = await elections.GetAsync(id, ct);
        if (election.State is not (ElectionState.VotingOpen or ElectionState.Paused))
        {
            throw DomainException.Conflict("invalid-transition", "Only an election whose voting is open or paused can be rolled back to the backup channel.");
        }

        if (election.State == ElectionState.VotingOpen)
        {
            election = await elections.TransitionAsync(id, ElectionState.Paused, actor, "rolled back to the backup channel", ct: ct);
        }

        election = await db.Elections.SingleAsync(e => e.Id == id, ct);
        election.BackupActive = true;
        election.BackupInstructions = instructions.Trim();
        db.AuditLog.Add(new AuditEntry { ElectionId = id, Actor = actor, Action = "rolled-back", Reason = "switched to the backup channel", At = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await operations.SaveIssueAsync(null, new OperationsService.IssueInput(id, $"Rollback to the backup channel: {election.Title}", election.PauseReason,
            Support.TicketSeverity.Critical, IssueStatus.Workaround, "Voting continues by the backup channel: " + election.BackupInstructions, "rollback"), ct);
        await notices.RollbackAsync(election, clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        LogRollback(logger, election.Slug, actor);
        return election;
    }

    /// <summary>Staff record that a voter voted by the backup channel; refused if they have voted either way.</summary>
    public async Task RecordBackupVoteAsync(Guid electionId, string email, string actor, CancellationToken ct)
    {
        var election = await elections.GetAsync(electionId, ct);
        if (!election.BackupActive)
        {
            throw DomainException.Conflict("no-backup", "The backup channel is not in use for this election.");
        }

        var normalized = email?.Trim().ToLowerInvariant() ?? string.Empty;
        var voter = await db.PilotVoters.FirstOrDefaultAsync(v => v.ElectionId == electionId && v.Email == normalized, ct)
            ?? throw DomainException.NotFound($"{normalized} in the pilot group");
        db.VoterRoll.Add(new VoterRollEntry { ElectionId = electionId, PilotVoterId = voter.Id, Channel = VotingChannel.Backup });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw DomainException.Conflict("already-voted", $"{normalized} has already voted (online or by the backup channel); a second vote is not allowed.");
        }

        LogBackupVote(logger, election.Slug, actor);
    }

    /// <summary>More backup-channel votes for one candidate than any pilot (or city) could cast: a typing error, refused.</summary>
    public const long MaxBackupVotes = 10_000_000;

    public async Task SaveBackupTotalsAsync(Guid electionId, IReadOnlyDictionary<string, long> totals, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var election = await db.Elections.SingleOrDefaultAsync(e => e.Id == electionId, ct) ?? throw DomainException.NotFound("The election");
        var candidates = election.Contests.SelectMany(c => c.Candidates.Select(x => $"{c.Id}/{x.Id}")).ToHashSet(StringComparer.Ordinal);
        var unknown = totals.Keys.Where(k => !candidates.Contains(k)).ToArray();
        if (unknown.Length > 0 || totals.Values.Any(v => v is < 0 or > MaxBackupVotes))
        {
            throw new DomainException("invalid-totals", $"Totals are per 'contest/candidate', each 0 to {MaxBackupVotes:N0}"
                + (unknown.Length > 0 ? $"; unknown: {string.Join(", ", unknown)}." : "."));
        }

        election.BackupTotalsJson = JsonSerializer.Serialize(totals);
        db.AuditLog.Add(new AuditEntry { ElectionId = electionId, Actor = actor, Action = "backup-totals", Reason = $"{totals.Values.Sum()} votes", At = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>"Schedule a new pilot": the same setup and pilot group in a new draft, with fresh times.</summary>
    public async Task<Election> CopyAsync(Guid electionId, string newSlug, string actor, CancellationToken ct)
    {
        var source = await elections.GetAsync(electionId, ct);
        var offset = clock.GetUtcNow() - source.RegistrationOpensAt + TimeSpan.FromDays(7);
        var copy = await elections.CreateAsync(new ElectionInput(newSlug, source.Title + " (re-run)", source.Description, source.IsTest, source.Contests,
            source.RegistrationOpensAt + offset, source.RegistrationClosesAt + offset, source.VotingOpensAt + offset, source.VotingClosesAt + offset,
            source.FeedbackDeadline + offset, source.SupportEmail, source.SupportHours, source.RecordingMode, source.EmailWhenFinal), actor, ct);
        var voters = await db.PilotVoters.AsNoTracking().Where(v => v.ElectionId == electionId).ToListAsync(ct);
        db.PilotVoters.AddRange(voters.Select(v => new PilotGroup.PilotVoter
        {
            ElectionId = copy.Id,
            Name = v.Name,
            Email = v.Email,
            Group = v.Group,
            AgeBand = v.AgeBand,
            Location = v.Location,
        }));
        db.AuditLog.Add(new AuditEntry { ElectionId = copy.Id, Actor = actor, Action = "copied", Reason = $"from {source.Slug} with {voters.Count} voters", At = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return copy;
    }

    public static IReadOnlyDictionary<string, long> BackupTotals(Election election) =>
        election?.BackupTotalsJson is { } json ? JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [] : new Dictionary<string, long>();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Election {Slug} rolled back to the backup channel by {Actor}")]
    private static partial void LogRollback(ILogger logger, string slug, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup-channel vote recorded in {Slug} by {Actor}")]
    private static partial void LogBackupVote(ILogger logger, string slug, string actor);
}
