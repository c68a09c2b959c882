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

    public string? Assignee { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FirstResponseAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public List<TicketMessage> Messages { get; } = [];
}
