using Prometheus;

namespace Ballotline.Server.Observability.Alerts;

/// <summary>
/// Keeps an hour of samples of the metrics the alerts read, so the in-app evaluator can compute increases and
/// averages over windows as Prometheus does from its time series.
/// </summary>
public sealed class MetricSampler(PilotMetrics metrics)
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset At, double[] Values)> _samples = [];

    private enum Series
    {
        Failed,
        Attempts,
        ServerErrors,
        Responses,
        ChainUp,
        GasPrice,
        ConfirmationSum,
        ConfirmationCount,
        Tickets,
        Participants,
        Registered,
        Voted,
        Progress,
        RecordsLost,
        Unerased,
    }

    public AlertInputs Sample(DateTimeOffset now)
    {
        var current = new double[Enum.GetValues<Series>().Length];
        current[(int)Series.Failed] = Sum(metrics.TransactionsFailed);
        current[(int)Series.Attempts] = metrics.ChainAttempts.Value;
        current[(int)Series.ServerErrors] = metrics.HttpErrors.WithLabels("5xx").Value;
        current[(int)Series.Responses] = Sum(metrics.HttpErrors);
        current[(int)Series.ChainUp] = metrics.ChainUp.Value;
        current[(int)Series.GasPrice] = metrics.GasPriceGwei.Value;
        current[(int)Series.ConfirmationSum] = metrics.ConfirmationSeconds.Sum;
        current[(int)Series.ConfirmationCount] = metrics.ConfirmationSeconds.Count;
        current[(int)Series.Tickets] = Sum(metrics.TicketsOpened);
        current[(int)Series.Participants] = metrics.Participants.Value;
        current[(int)Series.Registered] = metrics.Registered.Value;
        current[(int)Series.Voted] = metrics.Voted.Value;
        current[(int)Series.Progress] = metrics.VotingProgress.Value;
        current[(int)Series.RecordsLost] = metrics.ChainRecordsLost.Value;
        current[(int)Series.Unerased] = metrics.VoterOrderUnerased.Value;
        lock (_gate)
        {
            _samples.Add((now, current));
            _samples.RemoveAll(s => now - s.At > TimeSpan.FromMinutes(61));
            double Increase(Series series, TimeSpan window) => current[(int)series] - At(now - window)[(int)series];
            var gasAverage = _samples.Where(s => s.Values[(int)Series.GasPrice] > 0).Select(s => s.Values[(int)Series.GasPrice]).DefaultIfEmpty(0).Average();
            return new AlertInputs(
                Increase(Series.Failed, TimeSpan.FromMinutes(10)), Increase(Series.Attempts, TimeSpan.FromMinutes(10)),
                Increase(Series.ServerErrors, TimeSpan.FromMinutes(5)), Increase(Series.Responses, TimeSpan.FromMinutes(5)),
                current[(int)Series.ChainUp],
                current[(int)Series.GasPrice], gasAverage,
                Increase(Series.ConfirmationSum, TimeSpan.FromMinutes(10)), Increase(Series.ConfirmationCount, TimeSpan.FromMinutes(10)),
                current[(int)Series.Tickets], current[(int)Series.Participants], current[(int)Series.Registered], current[(int)Series.Voted],
                current[(int)Series.Progress], current[(int)Series.RecordsLost], current[(int)Series.Unerased]);
        }
    }

    /// <summary>The newest sample at or before <paramref name="time"/>, or zeros when the window reaches back before the first sample (counters start at zero).</summary>
    private double[] At(DateTimeOffset time)
    {
        var before = _samples.LastOrDefault(s => s.At <= time);
        return before.Values ?? new double[_samples[0].Values.Length];
    }

    private static double Sum(Counter counter) => counter.GetAllLabelValues().Sum(labels => counter.WithLabels(labels).Value);
}
