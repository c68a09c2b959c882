namespace Ballotline.Server.Support;

public sealed record TicketInput(string? Email, string Subject, string Body, Guid? ElectionId);

public sealed record TriageInput(TicketSeverity? Severity, string? Category, TicketStatus? Status, string? Assignee, string? Reply, string? Note);
