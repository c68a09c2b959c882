namespace Ballotline.Server.Operations;

/// <summary>
/// The plan's buckets for the issues log, which feed the Phase 3 recommendations: what must be fixed before a
/// real election, what should be, and what would be nice. Unset, an issue's bucket follows its severity
/// (<see cref="IssuePriorities.For"/>).
/// </summary>
public enum IssuePriority
{
    MustFix = 1,
    ShouldFix = 2,
    NiceToHave = 3,
}

public static class IssuePriorities
{
    /// <summary>Critical and high → must fix; medium → should fix; low → nice to have.</summary>
    public static IssuePriority For(Support.TicketSeverity severity) => severity switch
    {
        Support.TicketSeverity.Critical or Support.TicketSeverity.High => IssuePriority.MustFix,
        Support.TicketSeverity.Medium => IssuePriority.ShouldFix,
        _ => IssuePriority.NiceToHave,
    };

    /// <summary>The bucket's name as the plan writes it, from the reports' own list (so the log and the reports say the same).</summary>
    public static string Name(this IssuePriority priority) => Reporting.MetricsReport.IssueBuckets[(int)priority - 1];
}
