namespace Ballotline.Server.Mail;

/// <summary><c>Mail:Mode</c>: how messages leave the server.</summary>
public enum MailMode
{
    /// <summary>Kept in a mailbox administrators read in the app (the default, nothing to configure).</summary>
    Mailbox,

    /// <summary>Sent through the SMTP server at <c>Mail:Host</c>.</summary>
    Smtp,
}
