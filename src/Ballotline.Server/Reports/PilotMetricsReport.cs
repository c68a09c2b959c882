using System.Globalization;
using System.Numerics;
using System.Text;
using Ballotline.Reporting;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Ledger;
using Ballotline.Server.Observability;
using Ballotline.Server.Voting;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Reports;

/// <summary>
/// <c>reports/pilot_election_metrics.md</c> in the pilot plan's layout. Every figure is computed from what was
/// recorded; a figure that cannot be computed says why. Culture-invariant throughout.
/// </summary>
public sealed class PilotMetricsReport(BallotlineDb db, PilotOutcomeService outcomes, LatencyWindow latency, TimeProvider clock)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task<string> BuildAsync(Guid electionId, CancellationToken ct)
    {
        var election = await db.Elections.AsNoTracking().SingleOrDefaultAsync(e => e.Id == electionId, ct) ?? throw DomainException.NotFound("The election");
        var outcome = await outcomes.ComputeAsync(electionId, ct);
        var decision = PilotDecision.Decide(outcome);
        var voters = await db.PilotVoters.AsNoTracking().Where(v => v.ElectionId == electionId)
            .Select(v => new { v.InvitedAt, v.RegistrationStartedAt, v.RegisteredAt, v.BallotShownAt }).ToListAsync(ct);
        var online = await db.VoterRoll.CountAsync(r => r.ElectionId == electionId && r.Channel == VotingChannel.Online, ct);
        // Verification attempts are not linked to a ballot or a voter (by design), so this counts successful checks.
        var verified = await db.VerificationAttempts.CountAsync(v => v.ElectionId == electionId && v.Verified, ct);
        var feedback = await db.Feedback.AsNoTracking().Where(f => f.ElectionId == electionId).ToListAsync(ct);
        var anchors = await db.Anchors.AsNoTracking().Where(a => a.ElectionId == electionId && a.Kind != AnchorKind.Open).ToListAsync(ct);
        var issues = await db.PilotIssues.AsNoTracking().Where(i => i.ElectionId == electionId).OrderBy(i => i.Severity).ThenBy(i => i.Id).ToListAsync(ct);

        var text = new StringBuilder();
        void Line(string s) => text.Append(s).Append('\n');

        Line("# Pilot Election Metrics Report");
        Line("");
        Line(string.Create(Invariant, $"{election.Title} (`{election.Slug}`) — generated {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC from the recorded pilot."));
        Line("");
        Line("## Executive Summary");
        Line(string.Create(Invariant, $"- Total participants: {voters.Count(v => v.RegisteredAt != null)} registered of {voters.Count} in the pilot group"));
        Line(string.Create(Invariant, $"- Votes cast: {online}"));
        Line($"- Completion rate: {Show(outcome.VoteCompletion, SuccessTable.Percent)}");
        Line($"- Average satisfaction: {Show(outcome.Satisfaction, v => v.ToString("0.00", Invariant) + "/5")}");
        Line(string.Create(Invariant, $"- Critical issues: {outcome.CriticalIssues} ({outcome.OpenCriticalIssues} open)"));
        Line("");

        var registered = voters.Where(v => v.RegisteredAt != null && v.RegistrationStartedAt != null).Select(v => (v.RegisteredAt!.Value - v.RegistrationStartedAt!.Value).TotalSeconds).ToList();
        var invited = voters.Count(v => v.InvitedAt != null);
        Line("## Registration Metrics");
        Line(string.Create(Invariant, $"- Total registrations: {voters.Count(v => v.RegisteredAt != null)}"));
        Line($"- Completion rate: {Show(Measure.Ratio(voters.Count(v => v.RegisteredAt != null), invited, "no invitation was issued"), SuccessTable.Percent)} of invited voters");
        Line($"- Average time: {(registered.Count == 0 ? "not computable: no voter has completed registration" : registered.Average().ToString("0", Invariant) + " seconds")}");
        Line("- Drop-off points:");
        Line("");
        Line("| Step | Voters | Lost from the previous step |");
        Line("|---|---|---|");
        (string Step, int Count)[] funnel =
        [
            ("invited", invited), ("registration started", voters.Count(v => v.RegistrationStartedAt != null)),
            ("registered", voters.Count(v => v.RegisteredAt != null)), ("ballot opened", voters.Count(v => v.BallotShownAt != null)),
            ("cast", online), ("verified (successful checks)", verified), ("feedback", feedback.Count),
        ];
        for (var i = 0; i < funnel.Length; i++)
        {
            // Programs can cast without opening the ballot page, so a step may exceed the one before it: nobody was lost.
            var drop = i == 0 ? 0 : Math.Max(0, funnel[i - 1].Count - funnel[i].Count);
            var lost = i == 0 || funnel[i - 1].Count == 0 ? "—" : string.Create(Invariant, $"{drop} ({SuccessTable.Percent((double)drop / funnel[i - 1].Count)})");
            Line(string.Create(Invariant, $"| {funnel[i].Step} | {funnel[i].Count} | {lost} |"));
        }

        Line("");
        var final = anchors.Where(a => a.Status == AnchorStatus.Final).ToList();
        var failed = anchors.Where(a => a.Status == AnchorStatus.Failed).ToList();
        var times = final.Where(a => a.CastToConfirmSeconds is not null).Select(a => a.CastToConfirmSeconds!.Value).ToList();
        var gas = final.Where(a => a.GasUsed is not null).Sum(a => a.GasUsed!.Value);
        var feeWei = final.Aggregate(BigInteger.Zero, (sum, a) => sum + (BigInteger.TryParse(a.FeeWei, NumberStyles.None, Invariant, out var fee) ? fee : BigInteger.Zero));
        Line("## Voting Metrics");
        Line(string.Create(Invariant, $"- Total votes: {online}"));
        Line($"- Blockchain success rate: {Show(outcome.TransactionSuccess, SuccessTable.Percent)} ({final.Count.ToString(Invariant)} final, {failed.Count.ToString(Invariant)} failed anchoring transactions)");
        Line($"- Average transaction time: {(times.Count == 0 ? "not computable: no ballot is final on the chain yet" : times.Average().ToString("0.0", Invariant) + " seconds from cast to confirmed")}");
        Line(online == 0 || final.Count == 0
            ? "- Average gas cost: not computable: no ballot is final on the chain yet"
            : string.Create(Invariant, $"- Average gas cost: {(double)gas / online:0.0} gas per ballot; {FormatToken(feeWei / online)} in the chain's token per ballot"));
        Line(failed.Count == 0 ? "- Failed transactions: 0" : string.Create(Invariant, $"- Failed transactions: {failed.Count} — {string.Join("; ", failed.Select(f => f.FailureReason ?? "no reason recorded").Distinct(StringComparer.Ordinal))}"));
        Line("");

        Line("## User Experience");
        Line($"- Overall satisfaction: {Show(outcome.Satisfaction, v => v.ToString("0.00", Invariant) + "/5")}");
        Line($"- Ease of use: {(feedback.Count == 0 ? "not computable: no feedback was given" : feedback.Average(f => (f.RegistrationEase + f.VotingEase) / 2.0).ToString("0.00", Invariant) + "/5 (mean of registration and voting ease)")}");
        Line($"- Trust in blockchain: {Show(outcome.WouldTrust, SuccessTable.Percent)}");
        Line($"- Would use again: {Show(Measure.Ratio(feedback.Count(f => f.WouldUseAgain), feedback.Count, "no feedback was given"), SuccessTable.Percent)}");
        Line("");

        var (p50, p95) = latency.Quantiles();
        Line("## Technical Performance");
        var votingEnd = election.VotingClosesAt < clock.GetUtcNow() ? election.VotingClosesAt : clock.GetUtcNow();
        var (uptime, why) = await HeartbeatWriter.UptimeAsync(db, election.VotingOpensAt, votingEnd, ct);
        Line($"- System uptime: {(uptime is { } up ? SuccessTable.Percent(up) + " of the voting window (from the server's heartbeats)" : "not computable: " + why)}");
        Line($"- Average response time: {(p50 is null ? "not computable: no API request was measured since the server started" : string.Create(Invariant, $"p50 {p50:0} ms, p95 {p95:0} ms over the last 2,000 API requests"))}");
        Line($"- Support ticket resolution time: {Show(outcome.SupportResolutionHours, SuccessTable.Hours)}");
        Line("");

        Line("## Issues Identified");
        if (issues.Count == 0)
        {
            Line("None recorded in the issues log.");
        }

        for (var i = 0; i < issues.Count; i++)
        {
            var issue = issues[i];
            Line(string.Create(Invariant, $"{i + 1}. {MarkdownText.Escape(issue.Title)} - Severity: {(int)issue.Severity} {issue.Severity} - Status: {issue.Status}{(string.IsNullOrEmpty(issue.Resolution) ? "" : " — " + MarkdownText.Escape(issue.Resolution))}"));
        }

        Line("");
        Line("## Recommendations");
        if (decision.Recommendations.Count == 0)
        {
            Line("Every success target was met: proceed as planned.");
        }

        for (var i = 0; i < decision.Recommendations.Count; i++)
        {
            Line(string.Create(Invariant, $"{i + 1}. {decision.Recommendations[i]}"));
        }

        Line("");
        text.Append(decision.ToMarkdown());
        return text.ToString();
    }

    private static string Show(Measure measure, Func<double, string> format) =>
        measure.Value is { } value ? format(value) : $"not computable: {measure.Reason}";

    private static string FormatToken(BigInteger wei) =>
        ((decimal)wei / 1_000_000_000_000_000_000m).ToString("0.#########", Invariant);
}
