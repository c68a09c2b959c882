using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Ballotline.Server.Pages;

/// <summary>
/// A moment as a <c>&lt;time class="local-time"&gt;</c> element (see <see cref="LocalTimeTagHelper"/>), for a moment
/// inside a translated sentence: <c>@H["Voting opens on {0}.", new LocalTimeHtml(t)]</c>.
/// </summary>
public sealed class LocalTimeHtml(DateTimeOffset value) : IHtmlContent
{
    public string DateTime => value.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>What shows until the script rewrites it, and without script: the moment in UTC.</summary>
    public string Text => value.ToUniversalTime().ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        writer.Write($"<time datetime=\"{DateTime}\" class=\"local-time\">");
        encoder.Encode(writer, Text);
        writer.Write("</time>");
    }
}
