namespace Ballotline.Server.Mail;

/// <summary>An administrator's version of one message (the built-in text applies until one is saved).</summary>
public sealed class MailTemplate
{
    public required string Key { get; set; }

    /// <summary>The language of this version (each language has its own, and its own built-in text).</summary>
    public string Language { get; set; } = Languages.VoterLanguages.Default;

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;
}
