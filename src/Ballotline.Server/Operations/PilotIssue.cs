namespace Ballotline.Server.Operations;

/// <summary>A problem found during the pilot (from a ticket, an alert or staff) — the report's "Issues identified".</summary>
public sealed class PilotIssue
{
    public long Id { get; set; }

    public Guid? ElectionId { get; set; }

    public required string Title { get; set; }

    public string Description { get; set; } = string.Empty;

    public Support.TicketSeverity Severity { get; set; } = Support.TicketSeverity.Medium;

    public IssueStatus Status { get; set; } = IssueStatus.Open;

    /// <summary>The plan's bucket: must fix, should fix, nice to have (feeds the Phase 3 recommendations).</summary>
    public IssuePriority Priority { get; set; } = IssuePriority.ShouldFix;

    public string Resolution { get; set; } = string.Empty;

    /// <summary>Where it came from: "ticket #12", "alert BallotlineChainConnectionLost", "staff".</summary>
    public string Source { get; set; } = "staff";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
