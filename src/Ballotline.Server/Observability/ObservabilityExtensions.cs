using Ballotline.Server.Anchoring;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;
using Prometheus;

namespace Ballotline.Server.Observability;

public static class ObservabilityExtensions
{
    public static IServiceCollection AddBallotlineObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PilotMetrics>();
        services.AddSingleton<LatencyWindow>();
        services.AddScoped<DashboardService>();
        services.AddOptions<Alerts.AlertOptions>().Bind(configuration.GetSection(Alerts.AlertOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Alerts.AlertEvaluator>();
        services.AddHostedService(s => s.GetRequiredService<Alerts.AlertEvaluator>());
        services.AddOptions<HeartbeatOptions>().Bind(configuration.GetSection(HeartbeatOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HeartbeatWriter>();
        services.AddHostedService(s => s.GetRequiredService<HeartbeatWriter>());
        return services;
    }

    /// <summary>Status classes and active users: outermost, so that it sees the status the exception handler set.</summary>
    public static WebApplication UseBallotlineResponseMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestMetricsMiddleware>();
        return app;
    }

    /// <summary>Request durations by endpoint: after routing, so that the endpoint is known.</summary>
    public static WebApplication UseBallotlineHttpMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metrics = app.Services.GetRequiredService<PilotMetrics>();
        app.UseHttpMetrics(o => o.SetMetricFactory(Metrics.WithCustomRegistry(metrics.Registry)));
        return app;
    }

    /// <summary>Gauges that come from the database: refreshed when Prometheus scrapes and before each in-app alert evaluation.</summary>
    public static async Task RefreshGaugesAsync(IServiceProvider services, PilotMetrics metrics, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BallotlineDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var running = db.Elections.Where(e => e.State != ElectionState.Draft && e.State != ElectionState.Tallied).Select(e => e.Id);
        metrics.Participants.Set(await db.PilotVoters.CountAsync(v => running.Contains(v.ElectionId), ct));
        metrics.Registered.Set(await db.PilotVoters.CountAsync(v => running.Contains(v.ElectionId) && v.RegisteredAt != null, ct));
        metrics.Voted.Set(await db.VoterRoll.CountAsync(r => running.Contains(r.ElectionId), ct));
        var windows = await db.Elections.AsNoTracking().Where(e => e.State == ElectionState.VotingOpen || e.State == ElectionState.Paused)
            .Select(e => new { e.VotingOpensAt, e.VotingClosesAt }).ToListAsync(ct);
        metrics.VotingProgress.Set(windows.Count == 0 ? 0 : windows.Max(w =>
            Math.Clamp((now - w.VotingOpensAt).TotalSeconds / Math.Max(1, (w.VotingClosesAt - w.VotingOpensAt).TotalSeconds), 0, 1)));
        var finalSizes = await db.Anchors.Where(a => a.Kind != AnchorKind.Open && a.Status == AnchorStatus.Final)
            .GroupBy(a => a.ElectionId).Select(g => new { g.Key, Size = g.Max(a => a.TreeSize) }).ToDictionaryAsync(x => x.Key, x => x.Size, ct);
        var counts = await db.Elections.Where(e => e.ContextHash != null).Select(e => new { e.Id, e.BallotCount }).ToListAsync(ct);
        metrics.AnchoringBacklog.Set(counts.Sum(c => c.BallotCount - finalSizes.GetValueOrDefault(c.Id)));
        metrics.PendingTransactions.Set(await db.Anchors.CountAsync(a => a.Status == AnchorStatus.Prepared || a.Status == AnchorStatus.Submitted || a.Status == AnchorStatus.Confirmed, ct));
        var open = await db.Tickets.Where(t => t.Status != Support.TicketStatus.Resolved).Select(t => t.Severity).ToListAsync(ct);
        foreach (var severity in Enum.GetValues<Support.TicketSeverity>().Cast<Support.TicketSeverity?>().Append(null))
        {
            metrics.TicketsOpen.WithLabels(severity is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "untriaged").Set(open.Count(o => o == severity));
        }
    }

    /// <summary>/metrics; gauges that come from the database are refreshed when Prometheus scrapes.</summary>
    /// <summary>The Prometheus endpoint and the dashboard's API.</summary>
    public static WebApplication MapBallotlineObservability(this WebApplication app)
    {
        app.MapBallotlineMetrics();
        app.MapDashboardApi();
        return app;
    }

    public static WebApplication MapBallotlineMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metrics = app.Services.GetRequiredService<PilotMetrics>();
        metrics.Registry.AddBeforeCollectCallback(ct => RefreshGaugesAsync(app.Services, metrics, ct));
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
