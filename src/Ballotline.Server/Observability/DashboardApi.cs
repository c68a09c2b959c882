using Ballotline.Server.Infrastructure;
using Ballotline.Server.Observability.Alerts;

namespace Ballotline.Server.Observability;

public static class DashboardApi
{
    public sealed record AlertView(string Name, string Severity, string Summary, string FirstAction, bool Firing, DateTimeOffset? Since);

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Monitoring").RequireApiAdministrator();
        api.MapGet("/dashboard", (Guid? electionId, DashboardService dashboard, CancellationToken ct) => dashboard.SnapshotAsync(electionId, ct))
            .WithSummary("The live dashboard's figures for an election (default: the latest that left its draft)");
        api.MapGet("/alerts", (AlertEvaluator alerts) => alerts.States.Select(s => new AlertView(s.Rule.Name, s.Rule.Severity.ToString(), s.Rule.Summary, s.Rule.FirstAction, s.Firing, s.Since)))
            .WithSummary("Every alert rule and whether it is firing");

        // The page polls this with its cookie (it is a same-origin GET with no side effects).
        app.MapGet("/admin/dashboard/data", (Guid? electionId, DashboardService dashboard, CancellationToken ct) => dashboard.SnapshotAsync(electionId, ct))
            .RequireAuthorization(Accounts.Roles.Administrator).ExcludeFromDescription();
        return app;
    }
}
