namespace Ballotline.Ledger.Faults;

/// <summary>
/// Faults to inject between Ballotline and its chain node, for rehearsals ("pre-election testing"): an outage
/// during which every call fails as if the node were unreachable, a share of calls answered with an RPC error,
/// and a delay added to every call. Changed while the server runs; safe to read from any thread.
/// </summary>
public sealed class ChainFaults
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private DateTimeOffset _outageUntil = DateTimeOffset.MinValue;
    private double _errorRate;
    private TimeSpan _delay;

    public ChainFaults(int seed = 0) => _random = new Random(seed);

    /// <summary>Calls that failed because of an injected outage or error, for the rehearsal's own account.</summary>
    public long InjectedFailures => Interlocked.Read(ref _injectedFailures);

    private long _injectedFailures;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Every call fails until <paramref name="length"/> from now.</summary>
    public void BeginOutage(TimeSpan length)
    {
        lock (_gate)
        {
            _outageUntil = Clock.GetUtcNow() + length;
        }
    }

    public void EndOutage()
    {
        lock (_gate)
        {
            _outageUntil = DateTimeOffset.MinValue;
        }
    }

    public bool InOutage
    {
        get
        {
            lock (_gate)
            {
                return Clock.GetUtcNow() < _outageUntil;
            }
        }
    }

    /// <summary>The share of calls (0–1) that fail with an RPC error.</summary>
    public double ErrorRate
    {
        get { lock (_gate) { return _errorRate; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1);
            lock (_gate) { _errorRate = value; }
        }
    }

    /// <summary>Added to every call: a slow or distant node.</summary>
    public TimeSpan Delay
    {
        get { lock (_gate) { return _delay; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_gate) { _delay = value; }
        }
    }

    /// <summary>What happens to the next call.</summary>
    internal ChainFault Next()
    {
        lock (_gate)
        {
            var fault = Clock.GetUtcNow() < _outageUntil ? ChainFaultKind.Outage
                : _errorRate > 0 && _random.NextDouble() < _errorRate ? ChainFaultKind.Error
                : ChainFaultKind.None;
            if (fault != ChainFaultKind.None)
            {
                Interlocked.Increment(ref _injectedFailures);
            }

            return new ChainFault(fault, _delay);
        }
    }
}

internal enum ChainFaultKind
{
    None,
    Outage,
    Error,
}

internal readonly record struct ChainFault(ChainFaultKind Kind, TimeSpan Delay);
