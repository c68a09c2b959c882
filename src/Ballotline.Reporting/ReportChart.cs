namespace Ballotline.Reporting;

/// <summary>
/// A chart of the Phase 2 report: its text alternative at once, its PNG drawn only when someone asks for it (the
/// Markdown report never does), and the reason when it cannot be drawn.
/// </summary>
public sealed class ReportChart
{
    private readonly Lazy<byte[]>? _png;

    private ReportChart(string title, string altText, Func<byte[]>? draw, string? unavailable)
    {
        Title = title;
        AltText = altText;
        Unavailable = unavailable;
        _png = draw is null ? null : new Lazy<byte[]>(draw);
    }

    public string Title { get; }

    public string AltText { get; }

    public string? Unavailable { get; }

    public bool CanDraw => _png is not null;

    public byte[]? Png => _png?.Value;

    /// <summary>Whether the PNG has been drawn yet.</summary>
    public bool IsDrawn => _png?.IsValueCreated == true;

    public static ReportChart Of(string title, string altText, Func<byte[]> draw) => new(title, altText, draw, null);

    public static ReportChart Missing(string title, string reason) => new(title, reason, null, reason);
}
