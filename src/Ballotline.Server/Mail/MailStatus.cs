namespace Ballotline.Server.Mail;

public enum MailStatus
{
    Queued,
    Sending,
    Sent,

    /// <summary>Kept in the local mailbox (Mail:Mode is Mailbox).</summary>
    Stored,
    /// <summary>Gave up after Mail:MaxAttempts temporary failures.</summary>
    Failed,

    /// <summary>The server refused the address for good (5xx on RCPT TO): never retried, shown per voter.</summary>
    Bounced,
}
