namespace Ballotline.Server.Operations;

/// <summary>A support material page (FAQ, troubleshooting, escalation, contacts) written in Markdown by staff.</summary>
public sealed class HelpPage
{
    public required string Slug { get; set; }

    public required string Title { get; set; }

    public required string Markdown { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;
}
