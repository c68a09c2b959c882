namespace Ballotline.Server.Observability;

/// <summary>The durations of the last 2,000 API requests, for the dashboard's p50/p95 (Prometheus has the histogram).</summary>
public sealed class LatencyWindow
{
    private readonly double[] _values = new double[2000];
    private readonly Lock _gate = new();
    private int _count;
    private int _next;

    public void Record(double milliseconds)
    {
        lock (_gate)
        {
            _values[_next] = milliseconds;
            _next = (_next + 1) % _values.Length;
            _count = Math.Min(_count + 1, _values.Length);
        }
    }

    public (double? P50, double? P95) Quantiles()
    {
        double[] sorted;
        lock (_gate)
        {
            if (_count == 0)
            {
                return (null, null);
            }

            sorted = _values[.._count];
        }

        Array.Sort(sorted);
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return (At(0.5), At(0.95));
    }
}
