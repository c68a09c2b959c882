using Microsoft.Extensions.Options;

namespace Ballotline.Server.Voting;

/// <summary>
/// Checks device-encrypted ballots at most <see cref="VotingOptions.VerificationSlots"/> at a time (two per processor
/// unless set), in the order they arrived. A ballot's proofs cost about a millisecond of one core and nothing else;
/// without this gate every cast in flight checks at once and the processors are shared among all of them, so under
/// load a check takes as long as all of those running beside it, and a late arrival can finish before an early one.
/// In arrival order a check waits only for those before it. Two per processor rather than one: a check can be
/// descheduled by the rest of a request's work (HTTP, the database writer), and with one slot per processor the
/// processors then sit idle while checks queue (docs/performance.md measures 0, 1, 2 and 4 slots on two cores).
/// </summary>
public sealed class VerificationSlots : IDisposable
{
    private readonly SemaphoreSlim? _slots;
    private readonly Observability.PilotMetrics _metrics;

    public VerificationSlots(IOptions<VotingOptions> options, Observability.PilotMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        var slots = options.Value.VerificationSlots ?? (2 * Environment.ProcessorCount);
        _slots = slots > 0 ? new SemaphoreSlim(slots, slots) : null;
    }

    /// <summary>Runs <paramref name="check"/> once a slot is free (at once when there is no limit); the wait goes to <c>ballotline_ballot_check_wait_seconds</c>.</summary>
    public async ValueTask<T> RunAsync<T>(Func<T> check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (_slots is null)
        {
            _metrics.BallotCheckWaitSeconds.Observe(0);
            return check();
        }

        var queued = System.Diagnostics.Stopwatch.GetTimestamp();
        await _slots.WaitAsync(ct);
        _metrics.BallotCheckWaitSeconds.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(queued).TotalSeconds);
        try
        {
            return check();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots?.Dispose();
}
