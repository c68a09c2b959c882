using Ballotline.Reporting;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Reports;

public static class ReportsApi
{
    public sealed record DecisionView(string Verdict, IReadOnlyList<SuccessRow> Table, IReadOnlyList<string> Reasons, IReadOnlyList<string> Recommendations, string Markdown);

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/elections/{electionId:guid}/decision", async (Guid electionId, PilotOutcomeService outcomes, CancellationToken ct) =>
        {
            var decision = PilotDecision.Decide(await outcomes.ComputeAsync(electionId, ct));
            return new DecisionView(decision.Verdict, decision.Table, decision.Reasons, decision.Recommendations, decision.ToMarkdown());
        }).WithTags("Report").RequireApiAdministrator()
            .WithSummary("The success-metrics table and the computed GO / NO-GO, from what the pilot recorded");
        app.MapGet("/api/elections/{electionId:guid}/report/metrics", async (Guid electionId, PilotMetricsReport report, CancellationToken ct) =>
            TypedResults.Text(await report.BuildAsync(electionId, ct), "text/markdown; charset=utf-8"))
            .WithTags("Report").RequireApiAdministrator()
            .WithSummary("reports/pilot_election_metrics.md: the pilot plan's metrics report, every figure computed from the recorded pilot");
        app.MapGet("/api/elections/{electionId:guid}/report/feedback", async (Guid electionId, FeedbackReport feedback, CancellationToken ct) =>
            TypedResults.Text((await feedback.AnalyzeAsync(electionId, ct)).ToMarkdown(), "text/markdown; charset=utf-8"))
            .WithTags("Report").RequireApiAdministrator()
            .WithSummary("Feedback analysis: each rating's mean, median and distribution, trust and would-use-again, breakdowns by group and age band, free-text themes");
        return app;
    }
}
