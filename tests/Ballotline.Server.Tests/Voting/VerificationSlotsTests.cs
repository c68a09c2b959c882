using System.ComponentModel.DataAnnotations;
using Ballotline.Server.Observability;
using Ballotline.Server.Voting;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Tests.Voting;

/// <summary>
/// Ballot checks run at most N at a time and in arrival order: a crowd of casts must neither share the processors
/// among all of its checks nor let a late arrival overtake an early one, and a cast that gives up or fails must not
/// keep its slot.
/// </summary>
public sealed class VerificationSlotsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static VerificationSlots Slots(int? count, PilotMetrics? metrics = null) =>
        new(Options.Create(new VotingOptions { VerificationSlots = count }), metrics ?? new PilotMetrics());

    [Fact]
    public async Task Checks_beyond_the_slots_wait_and_start_in_the_order_they_arrived()
    {
        // One slot, so that the order in which waiting checks are let in is the order in which they start.
        var metrics = new PilotMetrics();
        using var slots = Slots(1, metrics);
        using var release = new ManualResetEventSlim();
        var started = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var running = 0;
        var most = 0;
        int Check(int id)
        {
            started.Enqueue(id);
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Assert.True(release.Wait(Patience));
            Interlocked.Decrement(ref running);
            return id;
        }

        // The first takes the slot (and holds it on a pool thread); the others queue, each after the one before it.
        var first = Task.Run(() => slots.RunAsync(() => Check(0), CancellationToken.None).AsTask());
        await Eventually.HoldsAsync(() => Task.FromResult(started.Count == 1), "the first check holds the slot", Patience.TotalSeconds);
        var queued = Enumerable.Range(1, 7).Select(id => slots.RunAsync(() => Check(id), CancellationToken.None).AsTask()).ToArray();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Single(started);

        release.Set();
        int[] results = await Task.WhenAll([first, .. queued]);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], results);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], started);
        Assert.Equal(1, most);

        // Operators see the queue: every check's wait is observed, and the seven that queued waited at least the 100 ms
        // before the release.
        Assert.Equal(8, metrics.BallotCheckWaitSeconds.Count);
        Assert.True(metrics.BallotCheckWaitSeconds.Sum >= 0.7, $"waited {metrics.BallotCheckWaitSeconds.Sum:F3} s in all");
    }

    [Fact]
    public async Task A_crowd_with_random_timing_never_has_more_checks_running_than_slots()
    {
        for (var round = 0; round < 20; round++)
        {
            var count = 1 + (round % 3);
            using var slots = Slots(count);
            var running = 0;
            var most = 0;
            var random = new Random(round);
            // Drawn beforehand: a Random is not safe to share between the checks' threads.
            var delays = Enumerable.Range(0, 60).Select(_ => random.Next(0, 3)).ToArray();
            var spins = Enumerable.Range(0, 60).Select(_ => random.Next(100, 20_000)).ToArray();
            var crowd = delays.Select((delay, i) => Task.Run(async () =>
            {
                await Task.Delay(delay);
                return await slots.RunAsync(() =>
                {
                    InterlockedMax(ref most, Interlocked.Increment(ref running));
                    Thread.SpinWait(spins[i]);
                    Interlocked.Decrement(ref running);
                    return i;
                }, CancellationToken.None);
            })).ToArray();
            var results = await Task.WhenAll(crowd);
            Assert.Equal(Enumerable.Range(0, 60), results);
            Assert.InRange(most, 1, count);
        }
    }

    [Fact]
    public async Task Without_a_limit_every_check_runs_at_once()
    {
        using var slots = Slots(0);
        using var together = new Barrier(5);
        var checks = Enumerable.Range(0, 5).Select(i => Task.Run(() => slots.RunAsync(() => together.SignalAndWait(Patience) ? i : -1, CancellationToken.None).AsTask())).ToArray();
        var results = await Task.WhenAll(checks);
        Assert.Equal([0, 1, 2, 3, 4], results);
    }

    [Fact]
    public async Task A_cast_that_gives_up_while_waiting_never_runs_its_check_and_a_failed_check_frees_its_slot()
    {
        using var slots = Slots(1);
        using var release = new ManualResetEventSlim();
        using var holding = new ManualResetEventSlim();
        var holder = Task.Run(() => slots.RunAsync(() =>
        {
            holding.Set();
            return release.Wait(Patience);
        }, CancellationToken.None).AsTask());
        Assert.True(holding.Wait(Patience));

        using var givingUp = new CancellationTokenSource();
        var ranAnyway = false;
        var waiting = slots.RunAsync(() => ranAnyway = true, givingUp.Token).AsTask();
        await givingUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        release.Set();
        Assert.True(await holder);
        await Assert.ThrowsAsync<InvalidOperationException>(() => slots.RunAsync<bool>(() => throw new InvalidOperationException("a forged ballot"), CancellationToken.None).AsTask());
        Assert.Equal(7, await slots.RunAsync(() => 7, CancellationToken.None).AsTask().WaitAsync(Patience, TestContext.Current.CancellationToken));
        Assert.False(ranAnyway);
    }

    [Fact]
    public void A_negative_number_of_slots_is_refused_with_a_message_naming_the_setting()
    {
        var options = new VotingOptions { VerificationSlots = -1 };
        var errors = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(VotingOptions.VerificationSlots)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
