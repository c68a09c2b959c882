namespace Ballotline.Server.Elections;

/// <summary>An election's life cycle. Stored as text so that the database reads plainly.</summary>
public enum ElectionState
{
    Draft,
    RegistrationOpen,
    VotingOpen,
    Paused,
    Closed,
    Tallied,
}
