using Ballotline.Reporting;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Observability.Alerts;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Observability;

/// <summary>
/// Builds the live dashboard's figures for one election — the one asked for, or the latest that left its draft —
/// tallied ones included, so that the figures after the count are the count's and not zeros. Each figure comes
/// from the same function the reports use (transaction success, cast-to-chain time, the funnel); latency and
/// server errors are the server's, across elections.
/// </summary>
public sealed class DashboardService(BallotlineDb db, PilotMetrics metrics, LatencyWindow latencyWindow, AlertEvaluator alerts, ChainHealth chain, IServiceProvider services, TimeProvider clock)
{
    private async Task<IReadOnlyDictionary<string, int>> OpenTicketsAsync(Guid? electionId, CancellationToken ct)
    {
        var open = await db.Tickets.AsNoTracking().Where(t => t.Status != Support.TicketStatus.Resolved && (t.ElectionId == null || t.ElectionId == electionId))
            .Select(t => t.Severity).ToListAsync(ct);
        return open.GroupBy(s => s is { } severity ? $"{(int)severity} {severity}" : "not triaged").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    public async Task<DashboardSnapshot> SnapshotAsync(Guid? electionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var elections = (await db.Elections.AsNoTracking().Where(e => e.State != ElectionState.Draft)
            .Select(e => new { View = new DashboardElection(e.Id, e.Title, e.State.ToString(), e.VotingOpensAt), e.CreatedAt }).ToListAsync(ct))
            .OrderByDescending(e => e.View.VotingOpensAt).ThenByDescending(e => e.CreatedAt).Select(e => e.View).ToList();
        var chosen = electionId is { } id
            ? elections.FirstOrDefault(e => e.Id == id) ?? throw DomainException.NotFound("The election (it does not exist, or is still a draft)")
            : elections.FirstOrDefault();
        List<Guid> running = chosen is null ? [] : [chosen.Id];
        var since = now.AddHours(-24);
        var casts = (await db.BallotBox.AsNoTracking().Where(b => running.Contains(b.ElectionId)).Select(b => b.CastAt).ToListAsync(ct)).Where(t => t >= since).ToList();
        var votesPerHour = Enumerable.Range(0, 24).Select(h =>
        {
            var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(h - 23);
            return new HourCount(hour, casts.Count(t => t >= hour && t < hour.AddHours(1)));
        }).ToList();

        var anchors = await db.Anchors.AsNoTracking().Where(a => running.Contains(a.ElectionId) && a.Kind != AnchorKind.Open).ToListAsync(ct);
        var failedPasses = await db.Elections.Where(e => running.Contains(e.Id)).SumAsync(e => e.ChainPassesFailed, ct);
        List<AnchorFact> facts = [.. anchors.GroupBy(a => a.ElectionId).SelectMany(g => Reports.PilotRecordReader.Facts([.. g.OrderBy(a => a.TreeSize).ThenBy(a => a.Id)], string.Empty))];
        var transactionSuccess = Reporting.PilotRecord.TransactionSuccess(facts, failedPasses);
        var voters = db.PilotVoters.AsNoTracking().Where(v => running.Contains(v.ElectionId));
        var funnel = PilotFunnel.Of(
            await voters.CountAsync(v => v.InvitedAt != null, ct),
            await voters.CountAsync(v => v.RegistrationStartedAt != null, ct),
            await voters.CountAsync(v => v.RegisteredAt != null, ct),
            await voters.CountAsync(v => v.BallotShown, ct),
            await db.VoterRoll.CountAsync(r => running.Contains(r.ElectionId) && r.Channel == Voting.VotingChannel.Online, ct),
            await db.VerificationAttempts.Where(v => running.Contains(v.ElectionId) && v.Verified).CountAsync(ct),
            await db.Feedback.CountAsync(f => running.Contains(f.ElectionId), ct));

        var totalResponses = metrics.HttpErrors.GetAllLabelValues().Sum(l => metrics.HttpErrors.WithLabels(l).Value);
        var latency = latencyWindow.Quantiles();
        await ObservabilityExtensions.RefreshGaugesAsync(services, metrics, ct);
        return new DashboardSnapshot(
            now,
            chosen,
            elections,
            votesPerHour,
            transactionSuccess.Value,
            Reporting.PilotRecord.AverageCastToConfirmSeconds(facts),
            metrics.GasPerBallot.Value > 0 ? metrics.GasPerBallot.Value : null,
            latency.P50,
            latency.P95,
            totalResponses == 0 ? null : metrics.HttpErrors.WithLabels("5xx").Value / totalResponses,
            funnel,
            await OpenTicketsAsync(chosen?.Id, ct),
            [.. alerts.States.Where(s => s.Firing).Select(s => new FiringAlert(s.Rule.Name, s.Rule.Severity.ToString(), s.Rule.Summary, s.Rule.FirstAction, s.Since))],
            chain.Connected || !chain.Configured,
            (long)metrics.AnchoringBacklog.Value);
    }
}
