namespace Ballotline.Server.Infrastructure;

/// <summary>
/// A background loop shared by the queue workers: one pass, then wait <see cref="Interval"/> (counted after
/// the pass, so a slow pass never piles up). A failed pass is reported and the next one runs as usual.
/// </summary>
public abstract class PeriodicWork(TimeProvider clock) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Read before each wait, so an options change applies from the next pass.</summary>
    protected abstract TimeSpan Interval { get; }

    public abstract Task RunOnceAsync(CancellationToken ct);

    protected abstract void OnPassFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                OnPassFailed(e);
            }

            try
            {
                await Task.Delay(Interval, Clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
