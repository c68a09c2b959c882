namespace Ballotline.Reporting;

/// <summary>One voter's feedback as the plan's form asks it; group and age band come from the pilot group, never a name.</summary>
public sealed record FeedbackAnswer(
    string Group,
    string AgeBand,
    int Overall,
    int RegistrationEase,
    int VotingEase,
    int VerificationClarity,
    bool WouldTrust,
    bool WouldUseAgain,
    string WhatWorked,
    string WhatConfused,
    string Suggestions,
    string TechnicalIssues);
