namespace Ballotline.Server.Support;

/// <summary>The pilot plan's severities and their response targets.</summary>
public enum TicketSeverity
{
    /// <summary>Voting broken, data-loss risk, security breach: immediate response.</summary>
    Critical = 1,

    /// <summary>Partial failure, slow, chain delays: respond within 2 hours.</summary>
    High = 2,

    /// <summary>UI confusion, minor bugs, documentation: respond within 4 hours.</summary>
    Medium = 3,

    /// <summary>Enhancements, cosmetic: log and queue.</summary>
    Low = 4,
}
