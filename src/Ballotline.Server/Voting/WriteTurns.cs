using System.Collections.Concurrent;

namespace Ballotline.Server.Voting;

/// <summary>One async turn at a time per key (an election), within this server instance.</summary>
public sealed class WriteTurns
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _turns = new();

    public async Task<IDisposable> TakeAsync(Guid key, CancellationToken ct)
    {
        var turn = _turns.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(ct);
        return new Release(turn);
    }

    private sealed class Release(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
