using System.ComponentModel.DataAnnotations;

namespace Ballotline.Server.Reviews;

/// <summary>When and to whom the daily review is mailed (section "Review").</summary>
public sealed class DailyReviewOptions
{
    public const string Section = "Review";

    /// <summary>The UTC hour after which each day's review is sent (once per election and day).</summary>
    [Range(0, 23)]
    public int DailyHourUtc { get; set; } = 18;

    /// <summary>Who receives it; empty: every administrator.</summary>
    public string[] Recipients { get; set; } = [];

    /// <summary>Off: the page still shows the review, nothing is mailed.</summary>
    public bool Enabled { get; set; } = true;
}
