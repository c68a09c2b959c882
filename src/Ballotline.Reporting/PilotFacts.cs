using System.Numerics;

namespace Ballotline.Reporting;

/// <summary>One pilot voter's group, age band and steps, with no name, address or choice: when each funnel step was reached.</summary>
public sealed record VoterSteps(string Group, string AgeBand, DateTimeOffset? InvitedAt, DateTimeOffset? RegistrationStartedAt, DateTimeOffset? RegisteredAt, bool BallotShown);

/// <summary>How an anchoring transaction ended.</summary>
public enum AnchorOutcome
{
    Pending,
    Final,
    Failed,
}

/// <summary>One anchoring transaction of the ballot log: how many ballots it covered, what it cost, how long it took.</summary>
/// <param name="Mode">Batched or PerBallot.</param>
/// <param name="Outcome">Final, failed (reverted, or lost by the chain afterwards) or still pending.</param>
/// <param name="Ballots">Ballots it newly covered.</param>
/// <param name="GasUsed">Gas it used, once mined.</param>
/// <param name="FeeWei">What it cost, in wei.</param>
/// <param name="CastToConfirmSeconds">Seconds from the oldest ballot it covers being cast to it being mined.</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
/// <param name="Resends">Broadcasts of this transaction after its first that the ballots waited on: re-sent when dropped, replaced when stuck.</param>
public sealed record AnchorFact(string Mode, AnchorOutcome Outcome, long Ballots, long? GasUsed, BigInteger FeeWei, double? CastToConfirmSeconds, string? FailureReason, int Resends = 0);

/// <summary>An entry of the issues log: severity 1 (critical) to 4 (low).</summary>
/// <param name="Title">What the issue is.</param>
/// <param name="Severity">1 (critical) to 4 (low).</param>
/// <param name="SeverityName">Critical, High, Medium or Low.</param>
/// <param name="Status">Open, Workaround or Fixed.</param>
/// <param name="Resolution">The workaround or fix, when there is one.</param>
/// <param name="IsOpen">Not fixed (a workaround does not close an issue).</param>
/// <param name="Priority">The plan's bucket as it reads: "Must fix", "Should fix" or "Nice to have".</param>
public sealed record IssueFact(string Title, int Severity, string SeverityName, string Status, string? Resolution, bool IsOpen, string Priority = "Should fix");

/// <summary>A support ticket's severity (null until triaged) and timing.</summary>
public sealed record TicketFact(int? Severity, string? SeverityName, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);
