using Ballotline.Server.Infrastructure;
using Ballotline.Server.Mail;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Observability.Alerts;

/// <summary>
/// The in-app alerting: every few seconds it refreshes the metrics, evaluates every rule, shows the firing ones
/// on the admin dashboard and emails the on-call addresses when an alert fires and when it resolves.
/// </summary>
public sealed partial class AlertEvaluator(IServiceProvider services, PilotMetrics metrics, IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertEvaluator> logger) : PeriodicWork(clock)
{
    private readonly MetricSampler _sampler = new(metrics);
    private readonly Dictionary<string, (bool Pending, DateTimeOffset Since, bool Firing)> _state = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyList<AlertRule> Rules { get; } = AlertRules.For(options.Value);

    public IReadOnlyList<AlertState> States
    {
        get
        {
            lock (_gate)
            {
                return [.. Rules.Select(r => _state.TryGetValue(r.Name, out var s) && s.Firing ? new AlertState(r, true, s.Since) : new AlertState(r, false, null))];
            }
        }
    }

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.EvaluationSeconds);

    protected override void OnPassFailed(Exception exception) => LogFailed(logger, exception.Message);

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        await ObservabilityExtensions.RefreshGaugesAsync(services, metrics, ct);
        var now = Clock.GetUtcNow();
        var inputs = _sampler.Sample(now);
        var changes = new List<(AlertRule Rule, bool Fired)>();
        lock (_gate)
        {
            foreach (var rule in Rules)
            {
                var condition = rule.IsFiring(inputs);
                _state.TryGetValue(rule.Name, out var previous);
                var since = condition && previous.Pending ? previous.Since : now;
                var firing = condition && now - since >= rule.For;
                if (firing != previous.Firing)
                {
                    changes.Add((rule, firing));
                }

                _state[rule.Name] = (condition, since, firing);
            }
        }

        foreach (var (rule, fired) in changes)
        {
            LogChange(logger, rule.Name, rule.Severity, fired ? "firing" : "resolved", rule.Summary);
            await NotifyAsync($"[{rule.Severity}] {rule.Name} {(fired ? "FIRING" : "resolved")}",
                $"{rule.Summary}\n\nFirst thing to do: {rule.FirstAction}\n\nAt {now:yyyy-MM-dd HH:mm:ss} UTC.", $"alert:{rule.Name}:{(fired ? "fired" : "resolved")}:{now.ToUnixTimeSeconds()}", ct);
        }
    }

    /// <summary>Sends a test message to every on-call address (the dashboard's test button).</summary>
    public Task<int> SendTestAsync(string actor, CancellationToken ct) =>
        NotifyAsync("[Test] Ballotline alert notification", $"This is a test of the pilot's alert notifications, sent by {actor}. If you read this, on-call mail works.",
            $"alert-test:{Guid.NewGuid():N}", ct);

    private async Task<int> NotifyAsync(string subject, string body, string key, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        var sent = 0;
        foreach (var address in options.Value.OnCall)
        {
            if (await outbox.EnqueueAsync("alert", $"{key}:{address}", address, subject, body, null, ct))
            {
                sent++;
            }
        }

        await scope.ServiceProvider.GetRequiredService<Data.BallotlineDb>().SaveChangesAsync(ct);
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Alert} ({Severity}) is {Change}: {Summary}")]
    private static partial void LogChange(ILogger logger, string alert, AlertSeverity severity, string change, string summary);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert evaluation failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
