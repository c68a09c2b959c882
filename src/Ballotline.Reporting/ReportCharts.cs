using System.Globalization;
using ScottPlot;

namespace Ballotline.Reporting;

/// <summary>
/// The Phase 2 report's charts, drawn with ScottPlot as PNG from a <see cref="PilotRecord"/>. A chart without
/// data is not drawn empty: it says why. Labels are culture-invariant.
/// </summary>
public static class ReportCharts
{
    private const int Width = 720;
    private const int Height = 360;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<ReportChart> All(PilotRecord record, FeedbackAnalysis feedback) =>
    [
        VotesOverTime(record), Funnel(record), ConfirmationTimes(record), GasPerBallot(record),
        Ratings(feedback), TrustSplit(record), TicketsBySeverity(record),
    ];

    public static ReportChart VotesOverTime(PilotRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        const string title = "Votes per hour";
        if (record.CastTimes.Count == 0)
        {
            return ReportChart.Missing(title, "No ballot was cast.");
        }

        var first = record.CastTimes.Min();
        var span = record.CastTimes.Max() - first;

        var (bucket, unit, interval) = Bucket(span);
        var counts = new double[(int)(span / bucket) + 1];
        foreach (var t in record.CastTimes)
        {
            counts[(int)((t - first) / bucket)]++;
        }

        var plot = new Plot();
        plot.Add.Bars(counts);
        Label(plot, $"Votes per {unit}", $"{unit}s since the first ballot ({first.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Invariant)} UTC)", "ballots");
        return Draw(plot, $"Votes per {unit}", string.Create(Invariant, $"{record.CastTimes.Count} ballots in {counts.Length} {interval} interval{(counts.Length == 1 ? "" : "s")}; the busiest had {counts.Max():0}."));
    }

    /// <summary>
    /// Hours for a real pilot (two hours or more of voting). A rehearsal compresses the pilot into minutes or
    /// seconds, where one hourly bar would hide everything: the widest unit that still gives six bars is taken.
    /// </summary>
    private static (TimeSpan Bucket, string Unit, string Interval) Bucket(TimeSpan span)
    {
        if (span >= TimeSpan.FromHours(2))
        {
            return (TimeSpan.FromHours(1), "hour", "one-hour");
        }

        (TimeSpan, string, string)[] finer =
        [
            (TimeSpan.FromMinutes(10), "10 minutes", "10-minute"), (TimeSpan.FromMinutes(1), "minute", "one-minute"),
            (TimeSpan.FromSeconds(10), "10 seconds", "10-second"), (TimeSpan.FromSeconds(1), "second", "one-second"),
        ];
        foreach (var (bucket, unit, interval) in finer)
        {
            if (span / bucket >= 6)
            {
                return (bucket, unit, interval);
            }
        }

        return finer[^1];
    }

    public static ReportChart Funnel(PilotRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var funnel = record.Funnel;
        var plot = new Plot();
        var bars = plot.Add.Bars(funnel.Select(f => (double)f.Count).Reverse().ToArray());
        bars.Horizontal = true;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, funnel.Count).Select(i => (double)i)], [.. funnel.Select(f => f.Step).Reverse()]);
        Label(plot, "Registration and voting funnel", "voters", null);
        return Draw(plot, "Registration and voting funnel", string.Join("; ", funnel.Select(f => string.Create(Invariant, $"{f.Step} {f.Count}"))));
    }

    public static ReportChart ConfirmationTimes(PilotRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        const string title = "Transaction confirmation time";
        // The same population as the report's average: final transactions (PilotRecord.AverageCastToConfirmSeconds).
        var times = record.Anchors.Where(a => a.Outcome == AnchorOutcome.Final && a.CastToConfirmSeconds is not null).Select(a => a.CastToConfirmSeconds!.Value).Order().ToArray();
        if (times.Length == 0)
        {
            return ReportChart.Missing(title, "No anchoring transaction was confirmed.");
        }

        var plot = new Plot();
        var bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(times.Length)), 1, 30);
        var width = Math.Max((times[^1] - times[0]) / bins, 0.1);
        var counts = new double[bins];
        foreach (var t in times)
        {
            counts[Math.Min(bins - 1, (int)((t - times[0]) / width))]++;
        }

        var bars = counts.Select((c, i) => new Bar { Position = times[0] + ((i + 0.5) * width), Value = c, Size = width * 0.9 }).ToList();
        plot.Add.Bars(bars);
        Label(plot, title, "seconds from cast to confirmed", "anchoring transactions");
        return Draw(plot, title, string.Create(Invariant, $"{times.Length} final transactions; average {PilotRecord.AverageCastToConfirmSeconds(record.Anchors):0.0} s, median {PilotRecord.MedianCastToConfirmSeconds(record.Anchors):0.0} s, slowest {times[^1]:0.0} s."));
    }

    public static ReportChart GasPerBallot(PilotRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        const string title = "Gas per ballot by recording mode";
        // Per recording mode, by the report's own definition (PilotRecord.GasPerBallot: the close included).
        var modes = record.Anchors.GroupBy(a => a.Mode, StringComparer.Ordinal)
            .Select(g => (Mode: g.Key, Gas: PilotRecord.GasPerBallot(g)))
            .Where(m => m.Gas is not null).Select(m => (m.Mode, Gas: m.Gas!.Value))
            .OrderBy(m => m.Mode, StringComparer.Ordinal).ToList();
        if (modes.Count == 0)
        {
            return ReportChart.Missing(title, "No ballot is final on the chain yet.");
        }

        var plot = new Plot();
        plot.Add.Bars(modes.Select(m => m.Gas).ToArray());
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, modes.Count).Select(i => (double)i)], [.. modes.Select(m => m.Mode)]);
        Label(plot, title, "recording mode (only the modes this pilot used)", "gas per ballot");
        return Draw(plot, title, string.Join("; ", modes.Select(m => string.Create(Invariant, $"{m.Mode}: {m.Gas:0.0} gas per ballot"))));
    }

    public static ReportChart Ratings(FeedbackAnalysis feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        const string title = "Rating distributions";
        if (feedback.Ratings.Count == 0)
        {
            return ReportChart.Missing(title, "No feedback was given.");
        }

        var plot = new Plot();
        var bars = new List<Bar>();
        var palette = new ScottPlot.Palettes.Category10();
        for (var q = 0; q < feedback.Ratings.Count; q++)
        {
            for (var score = 1; score <= 5; score++)
            {
                bars.Add(new Bar { Position = (score - 1) * (feedback.Ratings.Count + 1) + q, Value = feedback.Ratings[q].Distribution[score - 1], FillColor = palette.GetColor(q) });
            }
        }

        plot.Add.Bars(bars);
        for (var q = 0; q < feedback.Ratings.Count; q++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = feedback.Ratings[q].Question, FillColor = palette.GetColor(q) });
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(1, 5).Select(s => (s - 1) * (feedback.Ratings.Count + 1) + (feedback.Ratings.Count - 1) / 2.0)], [.. Enumerable.Range(1, 5).Select(s => s.ToString(Invariant))]);
        plot.ShowLegend(Alignment.UpperLeft);
        Label(plot, title, "rating (1 = very poor, 5 = excellent)", "answers");
        return Draw(plot, title, string.Join("; ", feedback.Ratings.Select(r => string.Create(Invariant, $"{r.Question}: mean {r.Mean:0.00}, {string.Join("/", r.Distribution)} for 1–5"))));
    }

    public static ReportChart TrustSplit(PilotRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        const string title = "Would trust blockchain voting for real elections";
        if (record.Feedback.Count == 0)
        {
            return ReportChart.Missing(title, "No feedback was given.");
        }

        var yes = record.Feedback.Count(f => f.WouldTrust);
        var no = record.Feedback.Count - yes;
        var plot = new Plot();
        var pie = plot.Add.Pie([new PieSlice(yes, Colors.SeaGreen, $"Yes ({yes})"), new PieSlice(no, Colors.IndianRed, $"No or unsure ({no})")]);
        pie.ExplodeFraction = 0.05;
        plot.Axes.Frameless();
        plot.HideGrid();
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        return Draw(plot, title, string.Create(Invariant, $"{yes} of {record.Feedback.Count} would trust it ({SuccessTable.Percent((double)yes / record.Feedback.Count)})."));
    }

    public static ReportChart TicketsBySeverity(PilotRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        const string title = "Support tickets by severity";
        if (record.Tickets.Count == 0)
        {
            return ReportChart.Missing(title, "No support ticket was opened.");
        }

        var groups = record.Tickets.GroupBy(t => t.Severity ?? 0).OrderBy(g => g.Key == 0 ? int.MaxValue : g.Key).Select(g => (
            Label: g.Key == 0 ? "not triaged" : $"{g.Key} {g.First().SeverityName}",
            Count: g.Count(),
            Hours: g.Where(t => t.ResolvedAt is not null).Select(t => (t.ResolvedAt!.Value - t.CreatedAt).TotalHours).DefaultIfEmpty(double.NaN).Average())).ToList();
        var plot = new Plot();
        plot.Add.Bars(groups.Select(g => (double)g.Count).ToArray());
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, groups.Count).Select(i => (double)i)],
            [.. groups.Select(g => double.IsNaN(g.Hours) ? $"{g.Label}\nnone resolved" : $"{g.Label}\nmean {ResolutionTime(g.Hours)} to resolve")]);
        Label(plot, title, null, "tickets");
        return Draw(plot, title, string.Join("; ", groups.Select(g => string.Create(Invariant, $"{g.Label}: {g.Count} tickets, {(double.IsNaN(g.Hours) ? "none resolved" : $"mean {ResolutionTime(g.Hours)} to resolve")}"))));
    }

    /// <summary>Minutes below an hour (a rehearsal resolves tickets in minutes), hours above.</summary>
    internal static string ResolutionTime(double hours) =>
        hours < 1 ? string.Create(Invariant, $"{hours * 60:0} min") : string.Create(Invariant, $"{hours:0.00} h");

    private static void Label(Plot plot, string title, string? x, string? y)
    {
        plot.Title(title);
        if (x is not null)
        {
            plot.XLabel(x);
        }

        if (y is not null)
        {
            plot.YLabel(y);
        }

        plot.Axes.Margins(bottom: 0);
    }

    private static ReportChart Draw(Plot plot, string title, string altText) =>
        ReportChart.Of(title, altText, () => plot.GetImageBytes(Width, Height, ImageFormat.Png));
}
