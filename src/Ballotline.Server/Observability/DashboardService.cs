using Ballotline.Reporting;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Ledger;
using Ballotline.Server.Observability.Alerts;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Observability;

/// <summary>Builds the live dashboard's figures for the running elections.</summary>
public sealed class DashboardService(BallotlineDb db, PilotMetrics metrics, LatencyWindow latencyWindow, AlertEvaluator alerts, ChainHealth chain, IServiceProvider services, TimeProvider clock)
{
    private async Task<IReadOnlyDictionary<string, int>> OpenTicketsAsync(CancellationToken ct)
    {
        var open = await db.Tickets.AsNoTracking().Where(t => t.Status != Support.TicketStatus.Resolved).Select(t => t.Severity).ToListAsync(ct);
        return open.GroupBy(s => s is { } severity ? $"{(int)severity} {severity}" : "not triaged").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    public async Task<DashboardSnapshot> SnapshotAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var running = await db.Elections.AsNoTracking().Where(e => e.State != ElectionState.Draft && e.State != ElectionState.Tallied).Select(e => e.Id).ToListAsync(ct);
        var since = now.AddHours(-24);
        var casts = (await db.BallotBox.AsNoTracking().Where(b => running.Contains(b.ElectionId)).Select(b => b.CastAt).ToListAsync(ct)).Where(t => t >= since).ToList();
        var votesPerHour = Enumerable.Range(0, 24).Select(h =>
        {
            var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(h - 23);
            return new HourCount(hour, casts.Count(t => t >= hour && t < hour.AddHours(1)));
        }).ToList();

        var anchors = await db.Anchors.AsNoTracking().Where(a => running.Contains(a.ElectionId) && a.Kind != AnchorKind.Open).ToListAsync(ct);
        var final = anchors.Where(a => a.Status == AnchorStatus.Final).ToList();
        var failedPasses = await db.Elections.Where(e => running.Contains(e.Id)).SumAsync(e => e.ChainPassesFailed, ct);
        var transactionSuccess = Reporting.PilotRecord.TransactionSuccess(
            [.. anchors.GroupBy(a => a.ElectionId).SelectMany(g => Reports.PilotRecordReader.Facts([.. g.OrderBy(a => a.TreeSize).ThenBy(a => a.Id)], string.Empty))], failedPasses);
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
        var averageSeconds = final.Where(a => a.CastToConfirmSeconds is not null).Select(a => a.CastToConfirmSeconds!.Value).ToList();
        return new DashboardSnapshot(
            now,
            votesPerHour,
            transactionSuccess.Value,
            averageSeconds.Count == 0 ? null : averageSeconds.Average(),
            metrics.GasPerBallot.Value > 0 ? metrics.GasPerBallot.Value : null,
            latency.P50,
            latency.P95,
            totalResponses == 0 ? null : metrics.HttpErrors.WithLabels("5xx").Value / totalResponses,
            funnel,
            await OpenTicketsAsync(ct),
            [.. alerts.States.Where(s => s.Firing).Select(s => new FiringAlert(s.Rule.Name, s.Rule.Severity.ToString(), s.Rule.Summary, s.Rule.FirstAction, s.Since))],
            chain.Connected || !chain.Configured,
            (long)metrics.AnchoringBacklog.Value);
    }
}
