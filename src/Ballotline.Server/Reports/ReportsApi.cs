using Ballotline.Reporting;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Reports;

public static class ReportsApi
{
    public sealed record DecisionView(string Verdict, IReadOnlyList<SuccessRow> Table, IReadOnlyList<string> Reasons, IReadOnlyList<string> Recommendations, string Markdown);

    /// <summary>The HTML report embeds its charts and needs nothing else: anything else it tried to load would be refused.</summary>
    private const string ReportPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/elections/{electionId:guid}").WithTags("Report").RequireAdministratorDownload();
        group.MapGet("/decision", async (Guid electionId, PilotRecordReader records, CancellationToken ct) =>
        {
            var decision = PilotDecision.Decide((await records.ReadAsync(electionId, ct)).Outcome());
            return new DecisionView(decision.Verdict, decision.Table, decision.Reasons, decision.Recommendations, decision.ToMarkdown());
        }).WithSummary("The success-metrics table and the computed GO / NO-GO, from what the pilot recorded");
        group.MapGet("/report/metrics", async (Guid electionId, PilotRecordReader records, CancellationToken ct) =>
            TypedResults.Text(MetricsReport.ToMarkdown(await records.ReadAsync(electionId, ct)), "text/markdown; charset=utf-8"))
            .WithSummary("reports/pilot_election_metrics.md: the pilot plan's metrics report, every figure computed from the recorded pilot");
        group.MapGet("/report/daily", async (Guid electionId, DateOnly? day, Reviews.DailyReviewBuilder reviews, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Text(await reviews.MarkdownAsync(electionId, day ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct), "text/markdown; charset=utf-8"))
            .WithSummary("The daily review (default: today, UTC): the day's activity, the figures against the targets, open issues by severity, new feedback themes, alerts firing");
        group.MapGet("/report/feedback", async (Guid electionId, PilotRecordReader records, CancellationToken ct) =>
            TypedResults.Text(FeedbackAnalysis.Analyze((await records.ReadAsync(electionId, ct)).Feedback).ToMarkdown(), "text/markdown; charset=utf-8"))
            .WithSummary("Feedback analysis: each rating's mean, median and distribution, trust and would-use-again, breakdowns by group and age band, free-text themes");
        group.MapGet("/report/phase2.md", async (Guid electionId, PilotRecordReader records, HttpContext http, CancellationToken ct) =>
        {
            var record = await records.ReadAsync(electionId, ct);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{record.Slug}-phase2-report.md\"";
            return TypedResults.Text(Phase2Report.Build(record).ToMarkdown(), "text/markdown; charset=utf-8");
        }).WithSummary("The Phase 2 report in the plan's eight sections with lessons learned, as Markdown (charts as text)");
        group.MapGet("/report/phase2.html", async (Guid electionId, PilotRecordReader records, HttpContext http, CancellationToken ct) =>
        {
            var record = await records.ReadAsync(electionId, ct);
            http.Response.Headers.ContentSecurityPolicy = ReportPolicy;
            http.Response.Headers.ContentDisposition = $"inline; filename=\"{record.Slug}-phase2-report.html\"";
            return TypedResults.Text(Phase2Report.Build(record).ToHtml(), "text/html; charset=utf-8");
        }).WithSummary("The Phase 2 report as one self-contained HTML file with its charts embedded");
        return app;
    }
}
