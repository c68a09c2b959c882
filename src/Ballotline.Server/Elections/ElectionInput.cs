namespace Ballotline.Server.Elections;

/// <summary>What an administrator submits to create or edit a draft election (pages and API alike).</summary>
public sealed record ElectionInput(
    string Slug,
    string Title,
    string? Description,
    bool IsTest,
    IReadOnlyList<ContestSpec> Contests,
    DateTimeOffset RegistrationOpensAt,
    DateTimeOffset RegistrationClosesAt,
    DateTimeOffset VotingOpensAt,
    DateTimeOffset VotingClosesAt,
    DateTimeOffset FeedbackDeadline,
    string SupportEmail,
    string? SupportHours,
    Anchoring.RecordingMode RecordingMode = Anchoring.RecordingMode.Batched,
    bool EmailWhenFinal = false);
