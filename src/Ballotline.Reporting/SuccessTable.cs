using System.Globalization;
using System.Text;

namespace Ballotline.Reporting;

/// <summary>
/// The pilot plan's success-metrics table: participants 50–200, vote completion &gt; 90%, transaction success
/// &gt; 95%, satisfaction &gt; 4/5, would trust &gt; 80%, critical issues 0, support resolution &lt; 2 h.
/// Bounds are the plan's, strict where the plan says "&gt;" or "&lt;". Formatting is culture-invariant: a report
/// reads the same on every machine.
/// </summary>
public static class SuccessTable
{
    public const int MinParticipants = 50;
    public const int MaxParticipants = 200;
    public const double VoteCompletionAbove = 0.90;
    public const double TransactionSuccessAbove = 0.95;
    public const double SatisfactionAbove = 4.0;
    public const double WouldTrustAbove = 0.80;
    public const double SupportResolutionHoursBelow = 2.0;

    /// <summary>The plan's transaction-time warning (> 60 s): the voter's view counts ballots on the chain within it.</summary>
    public const double TransactionSecondsTarget = 60;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<SuccessRow> Evaluate(PilotOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentOutOfRangeException.ThrowIfNegative(outcome.OpenCriticalIssues);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outcome.OpenCriticalIssues, outcome.CriticalIssues);
        return
        [
            Row(SuccessTarget.Participants, "Participants", "50–200", outcome.Participants,
                v => v.ToString("0", Invariant), v => v is >= MinParticipants and <= MaxParticipants),
            Row(SuccessTarget.VoteCompletion, "Vote completion rate", ">90%", outcome.VoteCompletion, Percent, v => v > VoteCompletionAbove),
            Row(SuccessTarget.TransactionSuccess, "Transaction success rate", ">95%", outcome.TransactionSuccess, Percent, v => v > TransactionSuccessAbove),
            Row(SuccessTarget.Satisfaction, "User satisfaction", ">4/5", outcome.Satisfaction, v => v.ToString("0.00", Invariant) + "/5", v => v > SatisfactionAbove),
            Row(SuccessTarget.WouldTrust, "Would trust for real elections", ">80%", outcome.WouldTrust, Percent, v => v > WouldTrustAbove),
            new SuccessRow(SuccessTarget.CriticalIssues, "Critical issues", "0",
                outcome.OpenCriticalIssues == 0 ? outcome.CriticalIssues.ToString(Invariant) : $"{outcome.CriticalIssues.ToString(Invariant)} ({outcome.OpenCriticalIssues.ToString(Invariant)} open)",
                outcome.CriticalIssues == 0),
            Row(SuccessTarget.SupportResolution, "Support ticket resolution", "<2 hours", outcome.SupportResolutionHours, Hours, v => v < SupportResolutionHoursBelow),
        ];
    }

    /// <summary>The table in Markdown, as the plan lays it out (Metric | Target | Actual | Met).</summary>
    public static string ToMarkdown(IReadOnlyList<SuccessRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder("| Metric | Target | Actual | Met |\n|---|---|---|---|\n");
        foreach (var row in rows)
        {
            text.Append(Invariant, $"| {Cell(row.Metric)} | {Cell(row.Goal)} | {Cell(row.Actual)} | {(row.Met ? "met" : "**not met**")} |\n");
        }

        return text.ToString();
    }

    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", Invariant) + "%";

    public static string Hours(double hours) => hours.ToString("0.00", Invariant) + " h";

    private static SuccessRow Row(SuccessTarget target, string metric, string goal, Measure measure, Func<double, string> format, Func<double, bool> meets) =>
        measure.Value is { } value
            ? new SuccessRow(target, metric, goal, measure.Note is null ? format(value) : $"{format(value)} ({measure.Note})", meets(value))
            : new SuccessRow(target, metric, goal, $"not computable: {measure.Reason}", false);

    // A pipe inside a reason would split the Markdown cell.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
