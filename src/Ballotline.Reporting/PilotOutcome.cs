namespace Ballotline.Reporting;

/// <summary>
/// What the pilot measured, each figure in the unit of its target: participants as a count, completion,
/// transaction success and trust as fractions (0–1), satisfaction on the 1–5 scale, support resolution in hours.
/// </summary>
/// <param name="Participants">Registered pilot voters.</param>
/// <param name="VoteCompletion">Registered voters whose ballot was accepted, over registered voters.</param>
/// <param name="TransactionSuccess">Ballots final on the chain over ballots submitted to it.</param>
/// <param name="Satisfaction">Mean overall-experience rating (1–5).</param>
/// <param name="WouldTrust">Share of feedback answering yes to "would you trust this for real elections".</param>
/// <param name="CriticalIssues">Severity-1 problems found during the pilot (tickets, alerts or staff).</param>
/// <param name="OpenCriticalIssues">Of those, still open (neither fixed nor worked around).</param>
/// <param name="SupportResolutionHours">Mean time to resolve a ticket; a ticket still open counts with its age so far.</param>
public sealed record PilotOutcome(
    Measure Participants,
    Measure VoteCompletion,
    Measure TransactionSuccess,
    Measure Satisfaction,
    Measure WouldTrust,
    int CriticalIssues,
    int OpenCriticalIssues,
    Measure SupportResolutionHours);
