using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Ballotline.Reporting;

/// <summary>
/// Markdown written by people (help pages, lessons learned, feedback quotes) rendered for other people: raw HTML
/// is never passed through (the pipeline must disable it), and a link or image may only point to http, https or
/// mailto, or be relative. Anything else — <c>javascript:</c>, <c>data:</c>, <c>vbscript:</c>, however it is
/// spelled or encoded — is rendered as a link to nowhere.
/// </summary>
public static class SafeMarkdown
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string? markdown, MarkdownPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var document = Markdown.Parse(markdown ?? string.Empty, pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsAllowed(link.Url))
            {
                link.Url = "#";
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsAllowed(link.Url) && !(link.IsEmail && !link.Url.Contains(':', StringComparison.Ordinal)))
            {
                link.Url = "#";
            }
        }

        return document.ToHtml(pipeline);
    }

    /// <summary>True for a relative URL or one whose scheme is allowed; browsers ignore whitespace and control characters inside a scheme, so this does too.</summary>
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        var compact = new string([.. url.Where(c => c > ' ')]);
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var firstPathCharacter = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (firstPathCharacter >= 0 && firstPathCharacter < colon))
        {
            return true; // relative: no scheme before the path
        }

        var scheme = compact[..colon];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }
}
