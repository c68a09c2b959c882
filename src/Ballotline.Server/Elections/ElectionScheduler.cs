using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Elections;

/// <summary>
/// Opens and closes voting at the scheduled times (audited as "scheduler"), and erases the voters' order of any
/// closed election whose close did not (<see cref="VoterOrder"/>: the server died in between). Safe with several
/// instances: the election's concurrency token lets only one of them make each move, and the erasure is claimed.
/// </summary>
public sealed partial class ElectionScheduler(IServiceProvider services, Observability.PilotMetrics metrics, TimeProvider clock, ILogger<ElectionScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BallotlineDb>();
        var now = clock.GetUtcNow();
        var due = await db.Elections.AsNoTracking()
            .Where(e => e.State == ElectionState.RegistrationOpen || e.State == ElectionState.VotingOpen)
            .Select(e => new { e.Id, e.State, e.VotingOpensAt, e.VotingClosesAt })
            .ToListAsync(ct);
        foreach (var e in due)
        {
            ElectionState? next = e.State switch
            {
                ElectionState.RegistrationOpen when e.VotingOpensAt <= now => ElectionState.VotingOpen,
                ElectionState.VotingOpen when e.VotingClosesAt <= now => ElectionState.Closed,
                _ => null,
            };
            if (next is null)
            {
                continue;
            }

            await using var moveScope = services.CreateAsyncScope();
            try
            {
                await moveScope.ServiceProvider.GetRequiredService<ElectionService>().TransitionAsync(e.Id, next.Value, "scheduler", "scheduled time reached", ct: ct);
            }
            catch (DomainException ex)
            {
                LogSkipped(logger, e.Id, ex.Message);
            }
        }

        var unerased = await db.Elections.AsNoTracking()
            .Where(e => (e.State == ElectionState.Closed || e.State == ElectionState.Tallied) && !e.VoterOrderErased)
            .Select(e => e.Id).ToListAsync(ct);
        foreach (var id in unerased)
        {
            await using var eraseScope = services.CreateAsyncScope();
            try
            {
                if (await VoterOrder.EraseAsync(eraseScope.ServiceProvider.GetRequiredService<BallotlineDb>(), id, clock, logger, ct))
                {
                    LogErasedLate(logger, id);
                }
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                LogEraseFailed(logger, id, e); // one election's failure does not hold the others back; retried next pass
            }
        }

        // What is left for the alert BallotlineVoterOrderNotErased: a close being erased right now clears within a pass.
        metrics.VoterOrderUnerased.Set(await db.Elections.CountAsync(e => (e.State == ElectionState.Closed || e.State == ElectionState.Tallied) && !e.VoterOrderErased, ct));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled election transitions failed")]
    private static partial void LogFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Erasing the voters' order of election {ElectionId} failed; retried next pass")]
    private static partial void LogEraseFailed(ILogger logger, Guid electionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Election {ElectionId} was closed without its voters' order erased (the server stopped in between): erased now")]
    private static partial void LogErasedLate(ILogger logger, Guid electionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled transition of {ElectionId} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, Guid electionId, string reason);
}
