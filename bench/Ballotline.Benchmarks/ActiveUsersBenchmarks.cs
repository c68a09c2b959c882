using Ballotline.Benchmarks.Baseline;
using Ballotline.Server.Observability;
using BenchmarkDotNet.Attributes;

namespace Ballotline.Benchmarks;

/// <summary>
/// The cost the active-users gauge adds to one signed-in request, with N voters active, against the version that swept
/// every mark on every request (<see cref="SweepOnEveryRequest"/>), in the same run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ActiveUsersBenchmarks
{
    private string[] _users = [];
    private ActiveUserWindow _window = null!;
    private SweepOnEveryRequest _baseline = null!;
    private int _next;

    [Params(1_000, 10_000, 100_000)]
    public int ActiveVoters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _users = [.. Enumerable.Range(0, ActiveVoters).Select(i => $"voter-{i}")];
        _window = new ActiveUserWindow(TimeProvider.System);
        _baseline = new SweepOnEveryRequest(TimeProvider.System);
        foreach (var user in _users)
        {
            _window.Seen(user);
            _baseline.Seen(user);
        }
    }

    [Benchmark(Description = "active-users gauge, one request (sweep at most every 10 s)")]
    public int Window() => _window.Seen(_users[_next++ % _users.Length]);

    [Benchmark(Baseline = true, Description = "baseline: sweep every mark on every request")]
    public int SweepEveryRequest() => _baseline.Seen(_users[_next++ % _users.Length]);
}
