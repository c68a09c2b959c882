namespace Ballotline.Server.Mail;

public enum MailStatus
{
    Queued,
    Sending,
    Sent,

    /// <summary>Kept in the local mailbox (Mail:Mode is Mailbox).</summary>
    Stored,
    Failed,
}
