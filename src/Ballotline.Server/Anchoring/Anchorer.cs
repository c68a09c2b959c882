using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Anchoring;

/// <summary>
/// The background anchorer: while this instance leads, runs <see cref="AnchorService"/> every poll interval;
/// when the chain fails it backs off exponentially with jitter (1 s … 60 s) and marks the chain down, and it
/// carries on by itself when the chain returns. Casting never waits for it.
/// </summary>
public sealed partial class Anchorer(IServiceProvider services, ChainHealth health, ChainConnection chain, Observability.PilotMetrics metrics, ILogger<Anchorer> logger) : BackgroundService
{
    private int _failures;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        health.MarkConfigured(chain.Options.Enabled);
        if (!chain.Options.Enabled)
        {
            metrics.ChainUp.Set(1); // no chain to lose: the connection alert must not fire
            return;
        }

        LogStarting(logger, chain.Options.DisplayName, chain.Options.ChainId);

        await using var leader = new LeaderLock(services);
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = TimeSpan.FromSeconds(chain.Options.PollSeconds);
            try
            {
                if (await leader.TryAcquireAsync(stoppingToken))
                {
                    await using var scope = services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<AnchorService>().RunOnceAsync(stoppingToken);
                    _failures = 0;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                _failures++;
                health.MarkDown(e.Message);
                metrics.ChainUp.Set(0);
                metrics.ChainErrors.Inc();
                var backoff = Math.Min(60, Math.Pow(2, Math.Min(_failures, 6)));
                delay = TimeSpan.FromSeconds((backoff * 0.5) + (Random.Shared.NextDouble() * backoff * 0.5));
                LogFailed(logger, _failures, delay.TotalSeconds, e.GetType().Name, e.Message);
                await CountFailedPassAsync(stoppingToken);
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Charges the failed pass to every election whose ballots (or close) were waiting on it, so transaction
    /// success counts the attempts a ballot depended on and an outage can fail the pilot's target.
    /// </summary>
    private async Task CountFailedPassAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Data.BallotlineDb>();
            var waiting = await db.Elections
                .Where(e => e.ContextHash != null && e.BallotCount > 0
                    && !db.Anchors.Any(a => a.ElectionId == e.Id && a.Kind == AnchorKind.Close && a.Status == AnchorStatus.Final)
                    && (e.State == Elections.ElectionState.Tallied
                        || e.BallotCount > (db.Anchors.Where(a => a.ElectionId == e.Id && a.Kind == AnchorKind.Anchor && a.Status == AnchorStatus.Final).Max(a => (long?)a.TreeSize) ?? 0)))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ChainPassesFailed, e => e.ChainPassesFailed + 1), ct);
            if (waiting > 0)
            {
                // The live rate the critical alert reads counts the same failed attempt.
                metrics.ChainAttempts.Inc();
                metrics.TransactionsFailed.WithLabels("unreachable").Inc();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database may be what failed: the pass is retried either way, only its count is lost.
            LogNotCounted(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed anchoring pass could not be counted against the waiting elections: {Message}")]
    private static partial void LogNotCounted(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Anchoring ballots on {Chain} (chain id {ChainId})")]
    private static partial void LogStarting(ILogger logger, string chain, long chainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchoring failed ({Failures} in a row), retrying in {Seconds:F1} s: {Error}: {Message}")]
    private static partial void LogFailed(ILogger logger, int failures, double seconds, string error, string message);
}
