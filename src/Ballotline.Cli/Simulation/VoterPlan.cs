namespace Ballotline.Cli.Simulation;

/// <summary>How far a voter gets in the funnel.</summary>
public enum VoterReach
{
    NeverStarts,
    AbandonsRegistration,
    RegistersOnly,
    OpensBallotOnly,
    Casts,
}

/// <summary>One synthetic voter's script, decided before the pilot starts so that a seed reproduces it.</summary>
public sealed record VoterPlan(
    int Index,
    string Name,
    string Email,
    bool Technical,
    string AgeBand,
    VoterReach Reach,
    int Choice,
    bool Challenges,
    bool Verifies,
    SimulatedFeedback? Feedback,
    string? TicketSubject,
    TimeSpan RegistrationTime,
    TimeSpan VotingTime)
{
    public bool Registers => Reach >= VoterReach.RegistersOnly;
}

/// <summary>The feedback form as a synthetic voter fills it.</summary>
public sealed record SimulatedFeedback(
    int Overall, int RegistrationEase, int VotingEase, int VerificationClarity, bool WouldTrust, bool WouldUseAgain,
    string? WhatWorked, string? WhatConfused, string? Suggestions, string? TechnicalIssues);
