namespace Ballotline.Server.Mail;

/// <summary><c>Mail:Security</c>: how the connection to the SMTP server is protected.</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP (a server on the same machine or a test server only).</summary>
    None,

    /// <summary>Upgrade to TLS after connecting (port 587; the default).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
