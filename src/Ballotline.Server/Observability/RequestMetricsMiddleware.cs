using System.Security.Claims;

namespace Ballotline.Server.Observability;

/// <summary>Counts responses by status class and keeps the "active users in the last 15 minutes" gauge.</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, PilotMetrics metrics, LatencyWindow latency, TimeProvider clock)
{
    private readonly ActiveUserWindow _activeUsers = new(clock);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                latency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            metrics.HttpErrors.WithLabels($"{context.Response.StatusCode / 100}xx").Inc();
            if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user)
            {
                metrics.ActiveUsers.Set(_activeUsers.Seen(user));
            }
        }
    }
}
