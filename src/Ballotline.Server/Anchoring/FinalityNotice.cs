namespace Ballotline.Server.Anchoring;

/// <summary>
/// "Email this voter when the ballot at this log position is final." The address is stored only encrypted
/// (data protection), so the database alone does not tie a log position to a person; the row is deleted as soon
/// as the message is queued.
/// </summary>
public sealed class FinalityNotice
{
    public long Id { get; set; }

    public Guid ElectionId { get; set; }

    public long LogIndex { get; set; }

    public required string ProtectedRecipient { get; set; }
}
