namespace Ballotline.Server.Support;

/// <summary>A reply on a ticket: from support staff (shown to the voter) or an internal note.</summary>
public sealed class TicketMessage
{
    public long Id { get; set; }

    public long TicketId { get; set; }

    public required string Author { get; set; }

    public required string Text { get; set; }

    public bool FromStaff { get; set; }

    public bool Internal { get; set; }

    public DateTimeOffset At { get; set; }
}
