namespace Ballotline.Server.Mail;

/// <summary>
/// A message in the durable mail queue. <see cref="DeduplicationKey"/> is unique, so the same notice is never
/// queued (or sent) twice; failures and bounces stay visible with their reason.
/// </summary>
public sealed class OutgoingMail
{
    public long Id { get; set; }

    public Guid? ElectionId { get; set; }

    public required string Kind { get; set; }

    public required string DeduplicationKey { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    /// <summary>The text; encrypted with data protection when <see cref="Protected"/> (it holds a secret, e.g. an invitation link).</summary>
    public required string Body { get; set; }

    public bool Protected { get; set; }

    /// <summary>
    /// Deleted once an SMTP server accepted it: the message ties an address to a tracking code (a receipt, a
    /// "your ballot is final" notice), which no stored record may keep. Without SMTP the local mailbox is the
    /// voter's inbox, so the message stays there, encrypted.
    /// </summary>
    public bool EraseAfterDelivery { get; set; }

    public MailStatus Status { get; set; } = MailStatus.Queued;

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
