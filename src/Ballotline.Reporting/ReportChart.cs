namespace Ballotline.Reporting;

/// <summary>A chart of the Phase 2 report: a PNG, its text alternative, and the reason when it cannot be drawn.</summary>
public sealed record ReportChart(string Title, string AltText, byte[]? Png, string? Unavailable)
{
    public static ReportChart Of(string title, string altText, byte[] png) => new(title, altText, png, null);

    public static ReportChart Missing(string title, string reason) => new(title, reason, null, reason);
}
