using System.Globalization;
using System.Numerics;
using System.Text;

namespace Ballotline.Reporting;

/// <summary>
/// <c>reports/pilot_election_metrics.md</c> in the pilot plan's layout. Every figure is computed from the recorded
/// pilot; a figure that cannot be computed says why. Culture-invariant throughout.
/// </summary>
public static class MetricsReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string ToMarkdown(PilotRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outcome = record.Outcome();
        var decision = PilotDecision.Decide(outcome);
        var text = new StringBuilder();
        void Line(string s) => text.Append(s).Append('\n');

        Line("# Pilot Election Metrics Report");
        Line("");
        Line(string.Create(Invariant, $"{MarkdownText.Escape(record.Title)} (`{record.Slug}`) — generated {record.GeneratedAt:yyyy-MM-dd HH:mm} UTC from the recorded pilot."));
        Line("");
        Line("## Executive Summary");
        Line(string.Create(Invariant, $"- Total participants: {record.Registered} registered of {record.Voters.Count} in the pilot group"));
        Line(string.Create(Invariant, $"- Votes cast: {record.OnlineVotes}"));
        Line($"- Completion rate: {Show(outcome.VoteCompletion, SuccessTable.Percent)}");
        Line($"- Average satisfaction: {Show(outcome.Satisfaction, Rating)}");
        Line(string.Create(Invariant, $"- Critical issues: {outcome.CriticalIssues} ({outcome.OpenCriticalIssues} open)"));
        Line("");

        Line("## Registration Metrics");
        text.Append(RegistrationMarkdown(record));
        Line("");
        Line("## Voting Metrics");
        text.Append(VotingMarkdown(record, outcome));
        Line("");
        Line("## User Experience");
        text.Append(ExperienceMarkdown(record, outcome));
        Line("");
        Line("## Technical Performance");
        text.Append(TechnicalMarkdown(record, outcome));
        Line("");
        Line("## Issues Identified");
        text.Append(IssuesMarkdown(record));
        Line("");
        Line("## Recommendations");
        text.Append(RecommendationsMarkdown(decision, record));
        Line("");
        text.Append("## Go/No-Go for Phase 3\n\n").Append(decision.BodyMarkdown(recommendationsIn: "Recommendations above"));
        text.Append("\n## Definitions\n\n").Append(FigureDefinitions.ToMarkdown());
        return text.ToString();
    }

    internal static string RegistrationMarkdown(PilotRecord record)
    {
        var text = new StringBuilder();
        var funnel = record.Funnel;
        text.Append(Invariant, $"- Total registrations: {record.Registered}\n");
        text.Append($"- Completion rate: {Show(Measure.Ratio(record.Registered, funnel[0].Count, "no invitation was issued"), SuccessTable.Percent)} of invited voters\n");
        text.Append($"- Average time: {Show(record.AverageRegistrationSeconds, s => s.ToString("0", Invariant) + (Math.Round(s) == 1 ? " second" : " seconds"))}\n");
        text.Append("- Drop-off points:\n\n| Step | Voters | Lost from the previous step |\n|---|---|---|\n");
        for (var i = 0; i < funnel.Count; i++)
        {
            var drop = i == 0 ? 0 : Math.Max(0, funnel[i - 1].Count - funnel[i].Count);
            var lost = i == 0 || funnel[i - 1].Count == 0 ? "—" : string.Create(Invariant, $"{drop} ({SuccessTable.Percent((double)drop / funnel[i - 1].Count)})");
            text.Append(Invariant, $"| {funnel[i].Step} | {funnel[i].Count} | {lost} |\n");
        }

        return text.ToString();
    }

    internal static string VotingMarkdown(PilotRecord record, PilotOutcome outcome)
    {
        var text = new StringBuilder();
        var final = record.Anchors.Where(a => a.Outcome == AnchorOutcome.Final).ToList();
        var failed = record.Anchors.Where(a => a.Outcome == AnchorOutcome.Failed).ToList();
        text.Append(Invariant, $"- Total votes: {record.OnlineVotes}\n");
        text.Append(Invariant, $"- Blockchain success rate: {Show(outcome.TransactionSuccess, SuccessTable.Percent)} ({final.Count} final of {record.ChainAttempts} attempts; failed or lost: {failed.Count}; re-sent or replaced: {record.Anchors.Sum(a => a.Resends)}; passes that could not reach the chain: {record.FailedChainPasses})\n");
        text.Append(Invariant, $"- Ballots on the chain within {SuccessTable.TransactionSecondsTarget:0} s of being cast (the voter's view): {Show(record.BallotsFinalWithin(SuccessTable.TransactionSecondsTarget), SuccessTable.Percent)}\n");
        text.Append($"- Average transaction time: {(PilotRecord.AverageCastToConfirmSeconds(record.Anchors) is not { } average ? "not computable: no ballot is final on the chain yet" : average.ToString("0.0", Invariant) + " seconds from cast to confirmed")}\n");
        text.Append(PilotRecord.GasPerBallot(record.Anchors) is not { } gas
            ? "- Average gas cost: not computable: no ballot is final on the chain yet\n"
            : string.Create(Invariant, $"- Average gas cost: {gas:0.0} gas per ballot; {Token(PilotRecord.FeePerBallotWei(record.Anchors)!.Value)} in the chain's token per ballot (final transactions, the close included, ÷ the ballots they recorded)\n"));
        text.Append(failed.Count == 0 ? "- Failed transactions: 0\n"
            : string.Create(Invariant, $"- Failed transactions: {failed.Count} — {string.Join("; ", failed.Select(f => f.FailureReason ?? "no reason recorded").Distinct(StringComparer.Ordinal))}\n"));
        return text.ToString();
    }

    internal static string ExperienceMarkdown(PilotRecord record, PilotOutcome outcome)
    {
        var feedback = record.Feedback;
        return $"- Overall satisfaction: {Show(outcome.Satisfaction, Rating)}\n"
            + $"- Ease of use: {(feedback.Count == 0 ? "not computable: no feedback was given" : feedback.Average(f => (f.RegistrationEase + f.VotingEase) / 2.0).ToString("0.00", Invariant) + "/5 (mean of registration and voting ease)")}\n"
            + $"- Trust in blockchain: {Show(outcome.WouldTrust, SuccessTable.Percent)}\n"
            + $"- Would use again: {Show(Measure.Ratio(feedback.Count(f => f.WouldUseAgain), feedback.Count, "no feedback was given"), SuccessTable.Percent)}\n"
            + InterviewsLine(record)
            + $"- Feedback response rate: {Show(record.FeedbackResponseRate, r => string.Create(Invariant, $"{SuccessTable.Percent(r)} of the voters who cast online ({record.FeedbackFromOnlineVoters} of {record.OnlineVotes}); review target > {SuccessTable.Percent(PilotRecord.FeedbackResponseTarget)}: {(r > PilotRecord.FeedbackResponseTarget ? "met" : "**not met** — send the feedback reminder")}"))}\n";
    }

    /// <summary>The user interviews: how many were held of those invited, and the themes of their notes.</summary>
    internal static string InterviewsLine(PilotRecord record)
    {
        if (record.InterviewsInvited == 0)
        {
            return "- User interviews: none yet (choose 10–15 participants who agreed in the feedback form)\n";
        }

        var themes = ThemeFinder.Find(record.InterviewNotes, 5);
        return string.Create(Invariant, $"- User interviews: notes from {record.InterviewNotes.Count} of {record.InterviewsInvited} invited; themes: ")
            + (themes.Count == 0 ? "none recurs yet" : string.Join("; ", themes.Select(t => string.Create(Invariant, $"{MarkdownText.Escape(t.Phrase)} ({t.Answers} interviews)"))))
            + "\n";
    }

    internal static string TechnicalMarkdown(PilotRecord record, PilotOutcome outcome) =>
        $"- System uptime: {Show(record.Uptime, u => SuccessTable.Percent(u) + " of the voting window (from the server's heartbeats)")}\n"
        + $"- Average response time: {(record.ResponseP50Milliseconds is not { } p50 ? "not computable: no API request was measured since the server started" : string.Create(Invariant, $"p50 {p50:0} ms, p95 {record.ResponseP95Milliseconds:0} ms over the last 2,000 API requests"))}\n"
        + $"- Support ticket resolution time: {Show(outcome.SupportResolutionHours, SuccessTable.Hours)}\n";

    internal static string IssuesMarkdown(PilotRecord record)
    {
        if (record.Issues.Count == 0)
        {
            return "None recorded in the issues log.\n";
        }

        var text = new StringBuilder();
        var ordered = record.Issues.OrderBy(i => i.Severity).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var issue = ordered[i];
            text.Append(Invariant, $"{i + 1}. {MarkdownText.Escape(issue.Title)} - Severity: {issue.Severity} {issue.SeverityName} - Status: {issue.Status}{(string.IsNullOrEmpty(issue.Resolution) ? "" : " — " + MarkdownText.Escape(issue.Resolution))}\n");
        }

        return text.ToString();
    }

    internal static string RecommendationsMarkdown(PilotDecision decision, PilotRecord record)
    {
        var text = new StringBuilder();
        if (decision.Recommendations.Count == 0)
        {
            text.Append("Every success target was met: proceed as planned.\n");
        }

        for (var i = 0; i < decision.Recommendations.Count; i++)
        {
            text.Append(Invariant, $"{i + 1}. {decision.Recommendations[i]}\n");
        }

        text.Append("\nBefore Phase 3, from the issues log (not yet fixed, by the plan's buckets):\n\n");
        foreach (var bucket in IssueBuckets)
        {
            var open = record.Issues.Where(i => i.Priority == bucket && i.IsOpen).OrderBy(i => i.Severity).ToList();
            var fixedCount = record.Issues.Count(i => i.Priority == bucket && !i.IsOpen);
            text.Append(Invariant, $"- {bucket}: {(open.Count == 0 ? "nothing left" : string.Join("; ", open.Select(i => $"{MarkdownText.Escape(i.Title)} ({i.SeverityName}, {i.Status})")))}{(fixedCount == 0 ? "" : string.Create(Invariant, $" — {fixedCount} fixed"))}\n");
        }

        return text.ToString();
    }

    /// <summary>The issues log's buckets in the order the plan lists them.</summary>
    public static readonly IReadOnlyList<string> IssueBuckets = ["Must fix", "Should fix", "Nice to have"];

    internal static string Show(Measure measure, Func<double, string> format) =>
        measure.Value is { } value ? format(value) : $"not computable: {measure.Reason}";

    internal static string Rating(double value) => value.ToString("0.00", Invariant) + "/5";

    internal static string Token(BigInteger wei) => ((decimal)wei / 1_000_000_000_000_000_000m).ToString("0.#########", Invariant);
}
