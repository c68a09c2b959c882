using System.Collections.Concurrent;

namespace Ballotline.Benchmarks.Baseline;

/// <summary>
/// The active-users gauge as RequestMetricsMiddleware kept it until 2026-12-02 (commit c529cd1), for comparison only:
/// every signed-in request marked its user, walked every mark to drop those older than 15 minutes, and counted.
/// </summary>
internal sealed class SweepOnEveryRequest(TimeProvider clock)
{
    private static readonly TimeSpan ActiveWindow = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);

    public int Seen(string user)
    {
        var now = clock.GetUtcNow();
        _lastSeen[user] = now;
        foreach (var (key, seen) in _lastSeen)
        {
            if (now - seen > ActiveWindow)
            {
                _lastSeen.TryRemove(key, out _);
            }
        }

        return _lastSeen.Count;
    }
}
