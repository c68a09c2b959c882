namespace Ballotline.Server.Support;

/// <summary>
/// The pilot plan's response targets: Critical immediate (15 minutes here), High 2 h, Medium 4 h, Low backlog.
/// A ticket is "due soon" in the last quarter of its target and "breached" after it.
/// </summary>
public static class ResponseTargets
{
    public static TimeSpan? For(TicketSeverity? severity) => severity switch
    {
        TicketSeverity.Critical => TimeSpan.FromMinutes(15),
        TicketSeverity.High => TimeSpan.FromHours(2),
        TicketSeverity.Medium => TimeSpan.FromHours(4),
        TicketSeverity.Low => null,
        null => TimeSpan.FromHours(2), // untriaged tickets are treated as High until someone looks
    };

    public static string Flag(SupportTicket ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Status == TicketStatus.Resolved || For(ticket.Severity) is not { } target)
        {
            return string.Empty;
        }

        var waited = (ticket.FirstResponseAt ?? now) - ticket.CreatedAt;
        if (ticket.FirstResponseAt is not null)
        {
            return waited > target ? "responded late" : string.Empty;
        }

        return waited > target ? "BREACHED" : waited > target * 0.75 ? "due soon" : string.Empty;
    }
}
