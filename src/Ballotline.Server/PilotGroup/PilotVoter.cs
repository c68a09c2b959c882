namespace Ballotline.Server.PilotGroup;

/// <summary>
/// A member of an election's pilot group, from invitation to registration. Holds only the hash of the
/// invitation token. Who voted is in <see cref="Voting.VoterRollEntry"/>; what they voted is nowhere in the clear.
/// </summary>
public sealed class PilotVoter
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ElectionId { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-cased, trimmed.</summary>
    public required string Email { get; set; }

    public VoterGroup Group { get; set; }

    public AgeBand AgeBand { get; set; }

    public string Location { get; set; } = string.Empty;

    public string? UserId { get; set; }

    /// <summary>
    /// The language the voter reads their mail in (a code of <see cref="Languages.VoterLanguages.Supported"/>): from the
    /// pilot-group file, then the one they registered or chose the language switch in; null until known (English).
    /// </summary>
    public string? Language { get; set; }

    public string? InvitationTokenHash { get; set; }

    public DateTimeOffset? InvitedAt { get; set; }

    public DateTimeOffset? InvitationExpiresAt { get; set; }

    public DateTimeOffset? InvitationUsedAt { get; set; }

    public DateTimeOffset? RegistrationStartedAt { get; set; }

    public DateTimeOffset? RegisteredAt { get; set; }

    /// <summary>
    /// The ballot was shown to the voter (a step of the funnel). Deliberately no time: a view time beside the box's
    /// cast times would point at the voter's ballot.
    /// </summary>
    public bool BallotShown { get; set; }
}
