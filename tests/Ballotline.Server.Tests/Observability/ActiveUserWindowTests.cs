using Ballotline.Server.Observability;

namespace Ballotline.Server.Tests.Observability;

/// <summary>The active-users gauge: each user once, gone after 15 minutes unseen, exact under concurrent requests and sweeps.</summary>
public sealed class ActiveUserWindowTests
{
    [Fact]
    public void A_user_is_counted_once_while_seen_within_fifteen_minutes_and_leaves_at_the_next_sweep_after_that()
    {
        var clock = new AdjustableClock();
        var window = new ActiveUserWindow(clock);
        Assert.Equal(1, window.Seen("alice"));
        Assert.Equal(2, window.Seen("bob"));
        Assert.Equal(2, window.Seen("alice"));

        clock.Advance(ActiveUserWindow.Window - TimeSpan.FromSeconds(1));
        Assert.Equal(3, window.Seen("carol")); // a sweep runs here; alice and bob are still within the window
        Assert.Equal(3, window.Seen("bob"));   // bob seen again: stays

        clock.Advance(TimeSpan.FromSeconds(2)); // alice unseen for 15 min 1 s, but the last sweep was 2 s ago
        Assert.Equal(3, window.Seen("carol"));

        clock.Advance(ActiveUserWindow.SweepInterval);
        Assert.Equal(2, window.Seen("carol")); // swept: alice is gone, bob and carol stay
        Assert.Equal(3, window.Seen("alice")); // and counts again when she comes back
    }

    [Fact]
    public async Task The_count_follows_the_marks_exactly_under_concurrent_requests_while_sweeps_remove_users()
    {
        for (var round = 0; round < 5; round++)
        {
            var clock = new AdjustableClock();
            var window = new ActiveUserWindow(clock);
            var random = new Random(round);
            using var stop = new CancellationTokenSource();

            // One thread moves time on in random steps, so that users go stale and sweeps run while the others mark.
            var mover = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    clock.Advance(TimeSpan.FromSeconds(random.Next(0, 120)));
                    await Task.Yield();
                }
            });
            var markers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                var own = new Random((round * 10) + t);
                for (var i = 0; i < 20_000; i++)
                {
                    window.Seen($"voter-{own.Next(300)}");
                }
            })).ToArray();
            await Task.WhenAll(markers);
            await stop.CancelAsync();
            await mover;

            Assert.Equal(window.Tracked, window.Count);
            Assert.InRange(window.Count, 1, 300);

            // Everyone unseen for longer than the window: the next sweep leaves only the user who asks.
            clock.Advance(ActiveUserWindow.Window + ActiveUserWindow.SweepInterval + TimeSpan.FromSeconds(1));
            Assert.Equal(1, window.Seen("late"));
        }
    }
}
