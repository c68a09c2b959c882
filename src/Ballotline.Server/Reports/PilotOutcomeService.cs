using Ballotline.Reporting;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Ledger;
using Ballotline.Server.Voting;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Reports;

/// <summary>
/// Computes the pilot's success figures for one election from what was recorded: the group and roll, the
/// ledger's anchors, feedback, the issues log and support tickets. Nothing here reads a ballot's content.
/// </summary>
public sealed class PilotOutcomeService(BallotlineDb db, TimeProvider clock)
{
    public async Task<PilotOutcome> ComputeAsync(Guid electionId, CancellationToken ct)
    {
        if (!await db.Elections.AnyAsync(e => e.Id == electionId, ct))
        {
            throw DomainException.NotFound("The election");
        }

        var registered = await db.PilotVoters.CountAsync(v => v.ElectionId == electionId && v.RegisteredAt != null, ct);

        // Completion counts online ballots by registered voters; backup-channel votes are the rollback's, not the pilot's.
        var votedOnline = await db.VoterRoll.CountAsync(r => r.ElectionId == electionId && r.Channel == VotingChannel.Online, ct);

        var anchors = await db.Anchors.AsNoTracking().Where(a => a.ElectionId == electionId && a.Kind != AnchorKind.Open)
            .Select(a => a.Status).ToListAsync(ct);
        var final = anchors.Count(s => s == AnchorStatus.Final);
        var failed = anchors.Count(s => s == AnchorStatus.Failed);

        var feedback = await db.Feedback.AsNoTracking().Where(f => f.ElectionId == electionId)
            .Select(f => new { f.Overall, f.WouldTrust }).ToListAsync(ct);

        var critical = await db.PilotIssues.AsNoTracking()
            .Where(i => i.ElectionId == electionId && i.Severity == Support.TicketSeverity.Critical).Select(i => i.Status).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.ElectionId == electionId)
            .Select(t => new { t.CreatedAt, t.ResolvedAt }).ToListAsync(ct);

        return new PilotOutcome(
            Measure.Of(registered),
            Measure.Ratio(votedOnline, registered, "no voter has registered"),
            Measure.Ratio(final, final + failed, "no anchoring transaction has reached a final outcome yet"),
            feedback.Count == 0 ? Measure.Unavailable("no feedback was given") : Measure.Of(feedback.Average(f => f.Overall)),
            Measure.Ratio(feedback.Count(f => f.WouldTrust), feedback.Count, "no feedback was given"),
            critical.Count,
            critical.Count(s => s != Operations.IssueStatus.Fixed),
            // A ticket still open counts with its age so far: leaving a ticket open must not improve the figure.
            tickets.Count == 0
                ? Measure.Of(0, "no ticket was opened")
                : Measure.Of(tickets.Average(t => ((t.ResolvedAt ?? now) - t.CreatedAt).TotalHours)));
    }
}
