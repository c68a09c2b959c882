using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.PilotGroup;

/// <summary>Imports, adds and removes pilot voters and issues their single-use invitation links.</summary>
public sealed partial class PilotGroupService(BallotlineDb db, TimeProvider clock, ILogger<PilotGroupService> logger)
{
    /// <summary>Imports a whole CSV or nothing: every bad or duplicate row is named by line number.</summary>
    public async Task<int> ImportAsync(Guid electionId, TextReader csv, string actor, CancellationToken ct = default)
    {
        var election = await EditableElectionAsync(electionId, ct);
        var rows = PilotGroupCsv.Read(csv);
        if (rows.Count == 0)
        {
            throw new DomainException("csv-empty", "The file has a header but no voters.");
        }

        var existing = (await db.PilotVoters.Where(v => v.ElectionId == electionId).Select(v => v.Email).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        var voters = new List<PilotVoter>();
        foreach (var (line, row) in rows)
        {
            var (voter, rowProblems) = PilotVoterParser.Parse(row, electionId);
            if (voter is not null && existing.Contains(voter.Email))
            {
                rowProblems.Add($"{voter.Email} is already in the pilot group");
            }
            else if (voter is not null && seen.TryGetValue(voter.Email, out var first))
            {
                rowProblems.Add($"{voter.Email} duplicates line {first}");
            }

            if (rowProblems.Count > 0)
            {
                problems.Add($"Line {line}: {string.Join("; ", rowProblems)}.");
                continue;
            }

            seen[voter!.Email] = line;
            voters.Add(voter);
        }

        if (problems.Count > 0)
        {
            throw new DomainException("csv-invalid", $"Nothing was imported: {problems.Count} row(s) have problems.", StatusCodes.Status400BadRequest, problems);
        }

        db.PilotVoters.AddRange(voters);
        db.AuditLog.Add(new AuditEntry { ElectionId = election.Id, Actor = actor, Action = "group-imported", Reason = $"{voters.Count} voters" });
        await db.SaveChangesAsync(ct);
        LogImported(logger, voters.Count, election.Slug);
        return voters.Count;
    }

    public async Task<PilotVoter> AddAsync(Guid electionId, PilotVoterInput input, string actor, CancellationToken ct = default)
    {
        await EditableElectionAsync(electionId, ct);
        var (voter, problems) = PilotVoterParser.Parse(input, electionId);
        if (voter is null)
        {
            throw new DomainException("invalid-voter", "The voter was not added: " + string.Join("; ", problems) + ".", StatusCodes.Status400BadRequest, problems);
        }

        if (await db.PilotVoters.AnyAsync(v => v.ElectionId == electionId && v.Email == voter.Email, ct))
        {
            throw DomainException.Conflict("duplicate-voter", $"{voter.Email} is already in the pilot group.");
        }

        db.PilotVoters.Add(voter);
        db.AuditLog.Add(new AuditEntry { ElectionId = electionId, Actor = actor, Action = "voter-added" });
        await db.SaveChangesAsync(ct);
        return voter;
    }

    public async Task RemoveAsync(Guid electionId, Guid voterId, string actor, CancellationToken ct = default)
    {
        await EditableElectionAsync(electionId, ct);
        var voter = await db.PilotVoters.FirstOrDefaultAsync(v => v.ElectionId == electionId && v.Id == voterId, ct) ?? throw DomainException.NotFound("The voter");
        if (await db.VoterRoll.AnyAsync(r => r.ElectionId == electionId && r.PilotVoterId == voterId, ct))
        {
            throw DomainException.Conflict("voter-has-voted", "This voter has already voted and cannot be removed.");
        }

        db.PilotVoters.Remove(voter);
        db.AuditLog.Add(new AuditEntry { ElectionId = electionId, Actor = actor, Action = "voter-removed" });
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<PilotVoter>> ListAsync(Guid electionId, CancellationToken ct = default) =>
        await db.PilotVoters.Where(v => v.ElectionId == electionId).OrderBy(v => v.Name).ToListAsync(ct);

    /// <summary>
    /// Gives every voter who has not registered yet a fresh single-use link (replacing any earlier one), valid until
    /// registration closes. The tokens are returned once and only their hashes are kept.
    /// </summary>
    public async Task<IReadOnlyList<Invitation>> IssueInvitationsAsync(Guid electionId, string actor, Guid? onlyVoterId = null, CancellationToken ct = default)
    {
        var election = await db.Elections.FirstOrDefaultAsync(e => e.Id == electionId, ct) ?? throw DomainException.NotFound("The election");
        if (election.State is ElectionState.Closed or ElectionState.Tallied)
        {
            throw DomainException.Conflict("election-over", "The election is over; no more invitations can be sent.");
        }

        var now = clock.GetUtcNow();
        var pending = await db.PilotVoters.Where(v => v.ElectionId == electionId && v.RegisteredAt == null && (onlyVoterId == null || v.Id == onlyVoterId)).ToListAsync(ct);
        var invitations = new List<Invitation>(pending.Count);
        foreach (var voter in pending)
        {
            var token = Tokens.New();
            voter.InvitationTokenHash = Tokens.Hash(token);
            // The day only: a link sent again to one voter is used at once, and the ballot minutes later.
            voter.InvitedAt = VoterTime.Day(now);
            voter.InvitationExpiresAt = election.RegistrationClosesAt;
            invitations.Add(new Invitation(voter.Id, voter.Name, voter.Email, token, voter.Language));
        }

        db.AuditLog.Add(new AuditEntry { ElectionId = electionId, Actor = actor, Action = "invitations-issued", Reason = $"{invitations.Count} invitations" });
        await db.SaveChangesAsync(ct);
        LogInvited(logger, invitations.Count, election.Slug, actor);
        return invitations;
    }

    private async Task<Election> EditableElectionAsync(Guid electionId, CancellationToken ct)
    {
        var election = await db.Elections.FirstOrDefaultAsync(e => e.Id == electionId, ct) ?? throw DomainException.NotFound("The election");
        if (election.State is ElectionState.Closed or ElectionState.Tallied)
        {
            throw DomainException.Conflict("election-over", "The election is over; its pilot group can no longer change.");
        }

        return election;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued {Count} invitations for {Slug} (by {Actor})")]
    private static partial void LogInvited(ILogger logger, int count, string slug, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} pilot voters into {Slug}")]
    private static partial void LogImported(ILogger logger, int count, string slug);
}
