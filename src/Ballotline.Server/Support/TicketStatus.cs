namespace Ballotline.Server.Support;

public enum TicketStatus
{
    Open,
    InProgress,
    Resolved,
}
