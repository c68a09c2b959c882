using System.Collections.Concurrent;

namespace Ballotline.Server.Observability;

/// <summary>
/// The signed-in users seen in the last 15 minutes (the <c>ballotline_active_users</c> gauge), at a constant cost per
/// request: a user's mark is set in place and counted when new, and users not seen for the window are swept out by
/// one request at most every <see cref="SweepInterval"/>. Sweeping on every request had cost a pass over every active
/// user per request — quadratic in the electorate, 3–4% of a cast's CPU with a few thousand voters.
/// </summary>
internal sealed class ActiveUserWindow(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private int _count;
    private long _nextSweepTicks;

    /// <summary>How many users are active: seen within the window, give or take one sweep interval for those leaving it.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>How many marks are held (a test compares it with <see cref="Count"/>).</summary>
    internal int Tracked => _lastSeen.Count;

    /// <summary>Marks <paramref name="user"/> as seen now and returns how many users are active.</summary>
    public int Seen(string user)
    {
        var now = clock.GetUtcNow();
        while (true)
        {
            if (_lastSeen.TryAdd(user, now))
            {
                Interlocked.Increment(ref _count);
                break;
            }

            // Fails when a sweep removed the user or another request marked them meanwhile: then try again, so that
            // the count follows the dictionary exactly.
            if (_lastSeen.TryGetValue(user, out var previous) && _lastSeen.TryUpdate(user, now, previous))
            {
                break;
            }
        }

        SweepIfDue(now);
        return Count;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + SweepInterval.Ticks, due) != due)
        {
            return; // not due, or another request is sweeping
        }

        foreach (var entry in _lastSeen)
        {
            // Removed only with the mark read here: a user seen again meanwhile stays.
            if (now - entry.Value > Window && _lastSeen.TryRemove(entry))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }
}
