using System.Globalization;
using System.Net;
using System.Text;
using Markdig;

namespace Ballotline.Reporting;

/// <summary>
/// The pilot plan's Phase 2 report in its eight sections — executive summary, pilot overview, metrics deep dive,
/// user feedback analysis, technical performance, issues and resolutions, recommendations, Phase 3 readiness —
/// with the lessons-learned page appended. Markdown carries every chart's figures as text; the HTML file is
/// self-contained, its charts embedded as PNG.
/// </summary>
public sealed class Phase2Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // People's words come through MarkdownText.Escape; raw HTML is still refused as a second wall.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    private readonly List<(string Markdown, ReportChart? Chart)> _blocks = [];

    private Phase2Report(PilotRecord record, PilotDecision decision)
    {
        Record = record;
        Decision = decision;
    }

    public PilotRecord Record { get; }

    public PilotDecision Decision { get; }

    public IReadOnlyList<ReportChart> Charts => [.. _blocks.Where(b => b.Chart is not null).Select(b => b.Chart!)];

    public static Phase2Report Build(PilotRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outcome = record.Outcome();
        var report = new Phase2Report(record, PilotDecision.Decide(outcome));
        var feedback = FeedbackAnalysis.Analyze(record.Feedback);
        var decision = report.Decision;

        report.Add(string.Create(Invariant, $"# Phase 2 Pilot Report: {MarkdownText.Escape(record.Title)}\n\nGenerated {record.GeneratedAt:yyyy-MM-dd HH:mm} UTC from the recorded pilot `{record.Slug}`. Every figure below is computed from what the pilot recorded.\n"));

        report.Add("## 1. Executive summary\n\n" + string.Create(Invariant,
            $"Recommendation: **{decision.Verdict}**. {record.Registered} of {record.Voters.Count} invited voters registered and {record.OnlineVotes} cast a ballot online "
            + $"(completion {MetricsReport.Show(outcome.VoteCompletion, SuccessTable.Percent)}); {MetricsReport.Show(outcome.TransactionSuccess, SuccessTable.Percent)} of anchoring transactions succeeded; "
            + $"satisfaction {MetricsReport.Show(outcome.Satisfaction, MetricsReport.Rating)}; {MetricsReport.Show(outcome.WouldTrust, SuccessTable.Percent)} would trust it for real elections; "
            + $"{outcome.CriticalIssues} critical issues ({outcome.OpenCriticalIssues} open).\n"));

        report.Add("## 2. Pilot overview\n\n" + Overview(record));

        report.Add("## 3. Metrics deep dive\n\n### Success metrics\n\n" + SuccessTable.ToMarkdown(decision.Table) + "\nWhat each figure counts over and how: Appendix, definitions.\n\n### Registration\n\n" + MetricsReport.RegistrationMarkdown(record));
        report.Add("", ReportCharts.Funnel(record));
        report.Add("### Voting\n\n" + MetricsReport.VotingMarkdown(record, outcome));
        report.Add("", ReportCharts.VotesOverTime(record));

        report.Add("## 4. User feedback analysis\n\n" + MetricsReport.ExperienceMarkdown(record, outcome) + "\n" + feedback.BodyMarkdown());
        report.Add("", ReportCharts.Ratings(feedback));
        report.Add("", ReportCharts.TrustSplit(record));

        report.Add("## 5. Technical performance\n\n" + MetricsReport.TechnicalMarkdown(record, outcome));
        report.Add("", ReportCharts.ConfirmationTimes(record));
        report.Add("", ReportCharts.GasPerBallot(record));

        report.Add("## 6. Issues and resolutions\n\n" + MetricsReport.IssuesMarkdown(record) + "\n" + Tickets(record));
        report.Add("", ReportCharts.TicketsBySeverity(record));

        report.Add("## 7. Recommendations\n\n" + MetricsReport.RecommendationsMarkdown(decision, record));

        report.Add("## 8. Phase 3 readiness\n\n" + decision.BodyMarkdown(tableIn: "section 3", recommendationsIn: "section 7"));

        report.Add("## Appendix: lessons learned\n\n" + (string.IsNullOrWhiteSpace(record.LessonsMarkdown)
            ? "No lessons were recorded for this pilot yet (Administration → the election → Lessons learned).\n"
            : Demote(record.LessonsMarkdown)));
        report.Add("## Appendix: definitions\n\n" + FigureDefinitions.ToMarkdown());
        return report;
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        foreach (var (markdown, chart) in _blocks)
        {
            text.Append(markdown);
            if (chart is not null)
            {
                // Markdown has no embedded images that every reader shows: the chart's figures stand in as text.
                text.Append("**Chart — ").Append(chart.Title).Append(":** ").Append(chart.Unavailable is null ? chart.AltText : "not drawn: " + chart.Unavailable).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>Phase 2 Pilot Report: ").Append(WebUtility.HtmlEncode(Record.Title)).Append("</title>\n");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}")
            .Append("table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #999;padding:.3rem .6rem;text-align:left}")
            .Append("figure{margin:1.5rem 0}img{max-width:100%;height:auto;border:1px solid #ddd}figcaption{font-size:.9rem;color:#333}")
            .Append("@media print{figure{break-inside:avoid}}</style>\n</head>\n<body>\n<main>\n");
        foreach (var (markdown, chart) in _blocks)
        {
            html.Append(SafeMarkdown.ToHtml(markdown, Pipeline));
            if (chart is null)
            {
                continue;
            }

            html.Append("<figure>\n");
            if (chart.Png is { } png)
            {
                html.Append("<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\" alt=\"").Append(WebUtility.HtmlEncode(chart.Title + ": " + chart.AltText)).Append("\" width=\"720\" height=\"360\">\n");
            }

            html.Append("<figcaption><strong>").Append(WebUtility.HtmlEncode(chart.Title)).Append(".</strong> ")
                .Append(WebUtility.HtmlEncode(chart.Unavailable is null ? chart.AltText : "Not drawn: " + chart.Unavailable)).Append("</figcaption>\n</figure>\n");
        }

        return html.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private void Add(string markdown, ReportChart? chart = null) => _blocks.Add((markdown, chart));

    private static string Overview(PilotRecord record)
    {
        var text = new StringBuilder();
        text.Append(Invariant, $"- Election: {MarkdownText.Escape(record.Title)} (`{record.Slug}`)\n");
        text.Append(Invariant, $"- Voting window: {record.VotingOpensAt:yyyy-MM-dd HH:mm} – {record.VotingClosesAt:yyyy-MM-dd HH:mm} UTC\n");
        text.Append(Invariant, $"- Chain: {MarkdownText.Escape(record.ChainName)}; recording mode: {record.RecordingMode}\n");
        text.Append(record.Trustees == 1
            ? "- Election key: held by the server (one trustee)\n"
            : string.Create(Invariant, $"- Election key: shared by {record.Trustees} trustees, any {record.Quorum} of whom decrypt the tally\n"));
        text.Append(Invariant, $"- Pilot group: {record.Voters.Count} voters\n\n");
        text.Append("| Group | Voters | Registered | Share of the group |\n|---|---|---|---|\n");
        foreach (var (label, rows) in record.Voters.GroupBy(v => v.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.ToList())).Concat(record.Voters.GroupBy(v => v.AgeBand, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ("age " + g.Key, g.ToList()))))
        {
            text.Append(Invariant, $"| {MarkdownText.Escape(label)} | {rows.Count} | {rows.Count(v => v.RegisteredAt is not null)} | {SuccessTable.Percent((double)rows.Count / record.Voters.Count)} |\n");
        }

        return text.ToString();
    }

    private static string Tickets(PilotRecord record)
    {
        if (record.Tickets.Count == 0)
        {
            return "No support ticket was opened.\n";
        }

        var resolved = record.Tickets.Where(t => t.ResolvedAt is not null).ToList();
        return string.Create(Invariant, $"Support: {record.Tickets.Count} tickets, {resolved.Count} resolved")
            + (resolved.Count == 0 ? ".\n" : $", mean {ReportCharts.ResolutionTime(resolved.Average(t => (t.ResolvedAt!.Value - t.CreatedAt).TotalHours))} to resolve.\n");
    }

    /// <summary>The lessons page's own headings sit under the appendix heading.</summary>
    private static string Demote(string markdown) =>
        string.Join('\n', markdown.Split('\n').Select(l => l.StartsWith('#') ? "##" + l : l)) + "\n";
}
