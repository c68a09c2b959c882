namespace Ballotline.Server.Operations;

/// <summary>A support material page (FAQ, troubleshooting, escalation, contacts) written in Markdown by staff.</summary>
public sealed class HelpPage
{
    public required string Slug { get; set; }

    /// <summary>The language of this version: each page has one per language, written by staff (built-in text to start).</summary>
    public string Language { get; set; } = Languages.VoterLanguages.Default;

    public required string Title { get; set; }

    public required string Markdown { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;
}
