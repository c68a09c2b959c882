namespace Ballotline.Server.Feedback;

/// <summary>
/// One of the plan's user interviews: a participant who agreed in the feedback form, chosen and invited by mail,
/// and the interviewer's notes, whose themes join the reports.
/// </summary>
public sealed class Interview
{
    public long Id { get; set; }

    public Guid ElectionId { get; set; }

    public Guid PilotVoterId { get; set; }

    public DateTimeOffset InvitedAt { get; set; }

    /// <summary>The interviewer's notes (empty until the interview is held).</summary>
    public string Notes { get; set; } = string.Empty;

    public DateTimeOffset? NotesUpdatedAt { get; set; }
}
