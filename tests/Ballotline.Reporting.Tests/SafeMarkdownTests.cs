using Markdig;

namespace Ballotline.Reporting.Tests;

/// <summary>People's Markdown rendered for other people: no raw HTML, and links only to http, https, mailto or relative.</summary>
public sealed class SafeMarkdownTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    public static TheoryData<string> Hostile() =>
    [
        "[x](javascript:alert(document.cookie))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java&#09;script:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![i](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_markdown_renders_no_script_no_script_url_and_no_raw_html(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown, Pipeline);
        foreach (var url in UrlAttributes(html))
        {
            Assert.True(SafeMarkdown.IsAllowed(url) && !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase), $"{markdown} rendered a link or image to {url}: {html}");
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every href and src value as a browser would read it: entities decoded, whitespace and control characters dropped.</summary>
    internal static IEnumerable<string> UrlAttributes(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "(?:href|src)\\s*=\\s*\"([^\"]*)\"", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            .Select(m => new string([.. System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Where(c => c > ' ')]));

    [Theory]
    [InlineData("[site](https://example.org/help)", "href=\"https://example.org/help\"")]
    [InlineData("[mail](mailto:support@example.org)", "href=\"mailto:support@example.org\"")]
    [InlineData("[page](/help/faq)", "href=\"/help/faq\"")]
    [InlineData("[anchor](#top)", "href=\"#top\"")]
    [InlineData("https://example.org", "href=\"https://example.org\"")]
    public void Ordinary_links_are_kept(string markdown, string expected) =>
        Assert.Contains(expected, SafeMarkdown.ToHtml(markdown, Pipeline), StringComparison.Ordinal);
}
