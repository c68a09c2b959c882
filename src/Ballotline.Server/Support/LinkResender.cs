using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Support;

/// <summary>
/// Support's "send a new link" for a voter who writes in: a fresh invitation for someone not yet registered (earlier
/// links stop working), or a password-reset link for someone who is. Audited without the address; the voter's address
/// only receives it, and the message is erased once delivered (the voter uses it at once and votes minutes later).
/// </summary>
public sealed class LinkResender(BallotlineDb db, PilotGroup.PilotGroupService group, Mail.PilotNotices notices, Accounts.PasswordResets resets, TimeProvider clock)
{
    public async Task<string> ResendAsync(string? email, string actor, string baseUrl, CancellationToken ct)
    {
        var address = email?.Trim().ToLowerInvariant() ?? string.Empty;
        if (address.Length is 0 or > 254)
        {
            throw new DomainException("email-required", "Type the voter's email address.");
        }

        var voters = await db.PilotVoters
            .Where(v => v.Email == address)
            .Join(db.Elections.Where(e => e.State == ElectionState.RegistrationOpen || e.State == ElectionState.VotingOpen || e.State == ElectionState.Paused),
                v => v.ElectionId, e => e.Id, (v, e) => new { v.Id, v.RegisteredAt, Election = e })
            .ToListAsync(ct);
        if (voters.Count == 0)
        {
            throw DomainException.NotFound($"A voter with the address {address} in an election under way");
        }

        var sent = new List<string>();
        if (voters.Any(v => v.RegisteredAt is not null))
        {
            await resets.RequestAsync(address, ct);
            sent.Add("a link to choose a new password (they are registered)");
        }

        foreach (var voter in voters.Where(v => v.RegisteredAt is null))
        {
            var invitations = await group.IssueInvitationsAsync(voter.Election.Id, actor, voter.Id, ct);
            await notices.InvitationsAsync(voter.Election, invitations, baseUrl, ct, eraseAfterDelivery: true);
            sent.Add($"a new invitation link for {voter.Election.Title} (earlier links stop working)");
        }

        foreach (var electionId in voters.Select(v => v.Election.Id).Distinct())
        {
            db.AuditLog.Add(new AuditEntry { ElectionId = electionId, Actor = actor, Action = "link-resent", Reason = "support sent a voter a new link", At = clock.GetUtcNow() });
        }

        await db.SaveChangesAsync(ct);
        return $"Sent to {address}: {string.Join("; ", sent)}.";
    }
}
