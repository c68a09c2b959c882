namespace Ballotline.Reporting;

/// <summary>
/// A figure computed from recorded data, or the reason it cannot be computed. The report never prints a
/// placeholder: an unavailable figure says why, and a target it belongs to counts as not met.
/// </summary>
public readonly record struct Measure
{
    private Measure(double? value, string? reason, string? note)
    {
        Value = value;
        Reason = reason;
        Note = note;
    }

    public double? Value { get; }

    /// <summary>Why there is no value (for example "no ballot was submitted to the chain").</summary>
    public string? Reason { get; }

    /// <summary>Context printed beside the value (for example "no ticket was opened" beside 0 h).</summary>
    public string? Note { get; }

    public bool IsAvailable => Value is not null;

    public static Measure Of(double value, string? note = null) =>
        double.IsFinite(value) ? new Measure(value, null, note) : throw new ArgumentOutOfRangeException(nameof(value), value, "A measured figure must be a finite number.");

    public static Measure Unavailable(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new Measure(null, reason, null);
    }

    /// <summary>A ratio, or unavailable with <paramref name="whenEmpty"/> when the denominator is zero.</summary>
    public static Measure Ratio(long part, long whole, string whenEmpty)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfNegative(whole);
        return whole == 0 ? Unavailable(whenEmpty) : Of((double)part / whole);
    }
}
