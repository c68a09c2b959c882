using System.ComponentModel.DataAnnotations;

namespace Ballotline.Server.Mail;

/// <summary>
/// Section <c>Mail</c>. <c>Mailbox</c> (the default, nothing to configure) keeps every message in a local mailbox
/// administrators read in the app; <c>Smtp</c> sends through an SMTP server. The SMTP password is read from the
/// environment variable named by <see cref="PasswordVariable"/>, never from settings files.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    [EnumDataType(typeof(MailMode), ErrorMessage = "Mail:Mode must be Mailbox or Smtp.")]
    public MailMode Mode { get; set; } = MailMode.Mailbox;

    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    [EnumDataType(typeof(MailSecurity), ErrorMessage = "Mail:Security must be None, StartTls or SslOnConnect.")]
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    public string? Username { get; set; }

    public string PasswordVariable { get; set; } = "BALLOTLINE_SMTP_PASSWORD";

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "ballotline@localhost";

    public string FromName { get; set; } = "Ballotline";

    /// <summary>The address voters reach the server at, for links in messages.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>
    /// The pilot's own time zone (an IANA name such as <c>Europe/Oslo</c>): the times in messages are written in it,
    /// with UTC beside them. A mail cannot know its reader's zone the way a page does; <c>UTC</c> writes UTC alone.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The zone of <see cref="TimeZone"/>; an unknown name is refused at start.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 2;

    /// <summary>
    /// Messages that tie an address to a ballot — a mailed receipt, a "your ballot is final" notice — are sent at the
    /// end of a slot of this many minutes, all of the slot's together in a random order, not at the moment of the
    /// cast: the SMTP server's own log of who was sent what when would otherwise give each voter's cast time, which
    /// the record publishes beside the ballot. A longer slot hides each cast among more (docs/security.md); 0 sends
    /// at once. Only with SMTP: the local mailbox is the voter's inbox, with no server in between.
    /// </summary>
    [Range(0, 24 * 60)]
    public int BallotMailSlotMinutes { get; set; } = 60;

    public bool HoldsBallotMail => UsesSmtp && BallotMailSlotMinutes > 0;

    /// <summary>When a message that ties an address to a ballot, queued at <paramref name="now"/>, may leave.</summary>
    public DateTimeOffset BallotMailRelease(DateTimeOffset now)
    {
        if (!HoldsBallotMail)
        {
            return now;
        }

        var slot = TimeSpan.FromMinutes(BallotMailSlotMinutes).Ticks;
        return new DateTimeOffset((now.UtcTicks / slot + 1) * slot, TimeSpan.Zero);
    }

    public bool UsesSmtp => Mode == MailMode.Smtp;
}
