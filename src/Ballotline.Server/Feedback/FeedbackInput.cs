namespace Ballotline.Server.Feedback;

/// <summary>
/// The pilot plan's feedback form: four 1–5 ratings, two yes/no questions, four free-text answers, and whether the
/// voter agrees to a short interview (the plan's user interviews choose among those who agreed).
/// </summary>
public sealed record FeedbackInput(
    int Overall,
    int RegistrationEase,
    int VotingEase,
    int VerificationClarity,
    bool? WouldTrust,
    bool? WouldUseAgain,
    string? WhatWorked,
    string? WhatConfused,
    string? Suggestions,
    string? TechnicalIssues,
    bool InterviewConsent = false);
