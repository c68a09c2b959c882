using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Ballotline.Server.Pages;

/// <summary>
/// <c>&lt;local-time value="…" /&gt;</c>: a moment as a <c>&lt;time&gt;</c> element, written in UTC by the server
/// and rewritten by wwwroot/js/local-time.js in the reader's own time zone with UTC beside it ("Tuesday 1 December,
/// 11:32 (10:32 UTC)"). Without script the UTC text stays, which is still right.
/// </summary>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper : TagHelper
{
    public DateTimeOffset Value { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var moment = new LocalTimeHtml(Value);
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", moment.DateTime);
        output.Attributes.SetAttribute("class", "local-time");
        output.Content.SetContent(moment.Text);
    }
}
