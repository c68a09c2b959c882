namespace Ballotline.Reporting;

/// <summary>The pilot plan's success metrics.</summary>
public enum SuccessTarget
{
    Participants,
    VoteCompletion,
    TransactionSuccess,
    Satisfaction,
    WouldTrust,
    CriticalIssues,
    SupportResolution,
}
