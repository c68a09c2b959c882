using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ballotline.Server.Health;

public static class HealthEndpoints
{
    public sealed record ComponentHealth(string Status, string? Description);

    public sealed record HealthReportView(string Status, IReadOnlyDictionary<string, ComponentHealth> Components);

    /// <summary>/healthz: overall status plus each component (database, chain) as JSON; 503 when unhealthy.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (HealthCheckService health, CancellationToken ct) =>
        {
            var report = await health.CheckHealthAsync(ct);
            var view = new HealthReportView(report.Status.ToString().ToLowerInvariant(),
                report.Entries.ToDictionary(e => e.Key, e => new ComponentHealth(e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description)));
            return TypedResults.Json(view, statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }).WithTags("Operations").WithSummary("Database and chain status");
        return app;
    }
}
