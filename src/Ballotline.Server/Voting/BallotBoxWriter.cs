using System.Collections.Concurrent;
using Ballotline.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Voting;

/// <summary>
/// The one writer of each election's ballot box in this server instance: verified ballots queue here and are appended
/// in batches (<see cref="BallotBoxBatch"/>), each batch one transaction — group commit. Appending is the serial part
/// of casting (one election's log positions are taken in single file), and it was measured to be what limited
/// casting: ~4.4–4.9 ms per ballot inside the per-election turn it took until then, under load, one commit — one write of the log to disk — per
/// ballot. A batch holds every ballot that queued while the previous one was written, so the serial part costs one
/// commit per batch, and a ballot waits at most for the batch before its own.
/// Several instances on one PostgreSQL each have their own writer; the conditional update of the election's row
/// serialises them.
/// </summary>
public sealed partial class BallotBoxWriter(IServiceScopeFactory scopes, Observability.PilotMetrics metrics, TimeProvider clock, ILogger<BallotBoxWriter> logger)
{
    /// <summary>The most ballots one transaction appends (a PostgreSQL statement of about 64 × 6 KB).</summary>
    internal const int MaxBatch = 64;

    private readonly ConcurrentDictionary<Guid, Lane> _lanes = new();

    /// <summary>
    /// Queues a verified ballot and completes once it is in the box (its position and time) or refused (a
    /// <see cref="Infrastructure.DomainException"/>: voting closed or paused, the voter already voted, a copy). A
    /// queued ballot is appended or refused whatever becomes of the request that queued it, so nothing is half done.
    /// </summary>
    internal Task<AppendedCast> AppendAsync(PendingCast cast)
    {
        var lane = _lanes.GetOrAdd(cast.Election.Id, _ => new Lane());
        bool start;
        lock (lane)
        {
            lane.Pending.Enqueue(cast);
            start = !lane.Draining;
            lane.Draining = true;
        }

        if (start)
        {
            _ = Task.Run(() => DrainAsync(lane));
        }

        return cast.Completion.Task;
    }

    private async Task DrainAsync(Lane lane)
    {
        while (true)
        {
            var batch = new List<PendingCast>();
            lock (lane)
            {
                while (batch.Count < MaxBatch && lane.Pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    lane.Draining = false;
                    return;
                }
            }

            try
            {
                await WriteAsync(batch);
            }
            catch (Exception e)
            {
                // A failure of the database itself: every cast of the batch hears it, none was appended (the transaction
                // or statement did not commit), and the next batch tries again.
                LogBatchFailed(logger, batch.Count, e);
                foreach (var cast in batch)
                {
                    cast.Completion.TrySetException(e);
                }
            }
        }
    }

    private async Task WriteAsync(List<PendingCast> batch, int attempt = 0)
    {
        // Each cast read its election before it queued; one whose window has ended since is refused at this time.
        var now = clock.GetUtcNow();
        var open = new List<PendingCast>(batch.Count);
        foreach (var cast in batch)
        {
            if (CastingService.RefusalAt(cast.Election, now) is { } refusal)
            {
                cast.Completion.TrySetException(refusal);
            }
            else
            {
                open.Add(cast);
            }
        }

        if (open.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BallotlineDb>();
        var electionId = open[0].Election.Id;
        var (outcome, first) = await BallotBoxBatch.AppendAsync(db, electionId, open, now);
        switch (outcome)
        {
            case BallotBoxBatch.Outcome.Appended:
                metrics.CastBatchSize.Observe(open.Count);
                for (var i = 0; i < open.Count; i++)
                {
                    open[i].Completion.TrySetResult(new AppendedCast(first + i, now));
                }

                break;
            case BallotBoxBatch.Outcome.NotOpen:
                // Closed or paused between the cast's read and the append: the reason as the election stands now.
                var current = await db.Elections.AsNoTracking().SingleAsync(e => e.Id == electionId);
                foreach (var cast in open)
                {
                    cast.Completion.TrySetException(CastingService.RefusalAt(current, now) ?? CastingService.VotingClosed());
                }

                break;
            case BallotBoxBatch.Outcome.VoterAlreadyOnRoll or BallotBoxBatch.Outcome.BallotAlreadyInBox when open.Count > 1:
                // Some cast of the batch is refused by a unique index and took the batch with it. Find which: a voter
                // already on the roll, a ballot already in the box, or a second cast of a voter or ballot earlier in this
                // batch (the first in the queue wins, as it would have one at a time). Refuse those and append the rest,
                // which another instance's appends are all that can still refuse — then it is one at a time.
                var rest = await WithoutConflictsAsync(db, electionId, open);
                if (attempt < 3)
                {
                    await WriteAsync(rest, attempt + 1);
                }
                else
                {
                    foreach (var cast in rest)
                    {
                        await WriteAsync([cast], attempt + 1);
                    }
                }

                break;
            case BallotBoxBatch.Outcome.VoterAlreadyOnRoll:
                open[0].Completion.TrySetException(CastingService.AlreadyVoted());
                break;
            case BallotBoxBatch.Outcome.BallotAlreadyInBox:
                open[0].Completion.TrySetException(CastingService.Replayed());
                break;
        }
    }

    // Refuses each cast that a unique index would refuse, in queue order, and gives back the others.
    private static async Task<List<PendingCast>> WithoutConflictsAsync(BallotlineDb db, Guid electionId, List<PendingCast> casts)
    {
        var voterIds = casts.Select(c => c.VoterId).ToArray();
        var codes = casts.Select(c => c.TrackingCode).ToArray();
        var voters = (await db.VoterRoll.Where(r => r.ElectionId == electionId && voterIds.Contains(r.PilotVoterId)).Select(r => r.PilotVoterId).ToListAsync()).ToHashSet();
        var ballots = (await db.BallotBox.Where(b => codes.Contains(b.TrackingCode)).Select(b => b.TrackingCode).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var rest = new List<PendingCast>(casts.Count);
        foreach (var cast in casts)
        {
            if (voters.Contains(cast.VoterId))
            {
                cast.Completion.TrySetException(CastingService.AlreadyVoted());
            }
            else if (ballots.Contains(cast.TrackingCode))
            {
                cast.Completion.TrySetException(CastingService.Replayed());
            }
            else
            {
                voters.Add(cast.VoterId);
                ballots.Add(cast.TrackingCode);
                rest.Add(cast);
            }
        }

        return rest;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending a batch of {Count} ballots failed; none of them was appended")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    private sealed class Lane
    {
        public Queue<PendingCast> Pending { get; } = new();

        public bool Draining { get; set; }
    }
}
