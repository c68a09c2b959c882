using System.Diagnostics;
using System.Globalization;

namespace Ballotline.Cli.Simulation;

/// <summary>Prints "phase: done/total" at most every two seconds and once at the end, whatever the terminal.</summary>
public sealed class ProgressLine(TextWriter output, string phase, int total)
{
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _done;

    public int Done => Volatile.Read(ref _done);

    public void Step()
    {
        var done = Interlocked.Increment(ref _done);
        lock (_gate)
        {
            if (done == total || _sinceLast.Elapsed >= TimeSpan.FromSeconds(2))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase}: {done}/{total}"));
                _sinceLast.Restart();
            }
        }
    }

    public void Report(string text)
    {
        lock (_gate)
        {
            if (_sinceLast.Elapsed >= TimeSpan.FromSeconds(2))
            {
                output.WriteLine($"  {phase}: {text}");
                _sinceLast.Restart();
            }
        }
    }
}
