using System.Globalization;
using System.Text;

namespace Ballotline.Reporting;

/// <summary>
/// The plan's daily review for the organisers: the day's activity, every success figure against its target so
/// far, the issues log's open entries by severity, support tickets, new feedback themes and the alerts firing —
/// one Markdown digest, mailed at the configured hour and shown as a page. Computed from the same
/// <see cref="PilotRecord"/> as every report, so its figures are theirs.
/// </summary>
public static class DailyReview
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="record">The election as recorded now.</param>
    /// <param name="day">The UTC day reviewed.</param>
    /// <param name="answersOfTheDay">Feedback first given that day (feedback keeps its day only).</param>
    /// <param name="firingAlerts">The alerts firing when the review is made, as "Severity — summary (since …)".</param>
    public static string ToMarkdown(PilotRecord record, DateOnly day, IReadOnlyList<FeedbackAnswer> answersOfTheDay, IReadOnlyList<string> firingAlerts)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(answersOfTheDay);
        ArgumentNullException.ThrowIfNull(firingAlerts);
        bool OnDay(DateTimeOffset? t) => t is { } v && DateOnly.FromDateTime(v.UtcDateTime) == day;
        var text = new StringBuilder();
        text.Append(Invariant, $"# Daily review: {MarkdownText.Escape(record.Title)} — {day:yyyy-MM-dd} (UTC)\n\n");
        text.Append("## The day\n\n");
        text.Append(Invariant, $"- Registrations: {record.Voters.Count(v => OnDay(v.RegisteredAt))} (total {record.Registered} of {record.Voters.Count} in the pilot group)\n");
        text.Append(Invariant, $"- Ballots cast online: {record.CastTimes.Count(t => OnDay(t))} (total {record.OnlineVotes})\n");
        text.Append(Invariant, $"- Feedback answers: {answersOfTheDay.Count} (total {record.Feedback.Count}; response rate {MetricsReport.Show(record.FeedbackResponseRate, SuccessTable.Percent)} of the voters who cast, review target > {SuccessTable.Percent(PilotRecord.FeedbackResponseTarget)})\n");
        text.Append(Invariant, $"- Support tickets opened: {record.Tickets.Count(t => OnDay(t.CreatedAt))}; still open: {record.Tickets.Count(t => t.ResolvedAt is null)}\n\n");

        text.Append("## Figures against the targets, so far\n\n");
        text.Append(SuccessTable.ToMarkdown(SuccessTable.Evaluate(record.Outcome())));
        text.Append('\n');

        text.Append("## Open issues by severity\n\n");
        var open = record.Issues.Where(i => i.IsOpen).OrderBy(i => i.Severity).ToList();
        if (open.Count == 0)
        {
            text.Append("None: every issue in the log is fixed.\n");
        }

        foreach (var group in open.GroupBy(i => (i.Severity, i.SeverityName)))
        {
            text.Append(Invariant, $"- {group.Key.Severity} {group.Key.SeverityName} ({group.Count()}): {string.Join("; ", group.Select(i => $"{MarkdownText.Escape(i.Title)} ({i.Status}, {i.Priority})"))}\n");
        }

        text.Append("\n## New feedback themes\n\n");
        var themes = ThemeFinder.Find(answersOfTheDay.SelectMany(a => new[] { a.WhatWorked, a.WhatConfused, a.Suggestions, a.TechnicalIssues }).Where(t => !string.IsNullOrWhiteSpace(t)), 5);
        text.Append(answersOfTheDay.Count == 0 ? "No feedback was given that day.\n"
            : themes.Count == 0 ? "No theme recurs in that day's answers.\n"
            : string.Concat(themes.Select(t => string.Create(Invariant, $"- {MarkdownText.Escape(t.Phrase)} ({t.Answers} answers): \"{MarkdownText.Escape(t.Quote)}\"\n"))));

        text.Append("\n## Alerts\n\n");
        text.Append(firingAlerts.Count == 0 ? "No alert is firing.\n" : string.Concat(firingAlerts.Select(a => $"- {MarkdownText.Escape(a)}\n")));
        return text.ToString();
    }
}
