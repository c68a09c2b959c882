namespace Ballotline.Server.Support;

/// <summary>A request for help, from a signed-in voter or by email address, with its triage and timings.</summary>
public sealed class SupportTicket
{
    public long Id { get; set; }

    public Guid? ElectionId { get; set; }

    public string? UserId { get; set; }

    public required string Email { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public TicketSeverity? Severity { get; set; }

    public string Category { get; set; } = string.Empty;

    public TicketStatus Status { get; set; } = TicketStatus.Open;

    /// <summary>The language the ticket was written in (the page's), so that support's replies are mailed in it.</summary>
    public string? Language { get; set; }

    public string? Assignee { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FirstResponseAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public List<TicketMessage> Messages { get; } = [];
}
