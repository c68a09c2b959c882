using Ballotline.Server.Operations;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Help;

public sealed class GuideModel : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = string.Empty;

    public string Title { get; private set; } = "Guide";

    /// <summary>Rendered by Markdig with raw HTML disabled: safe to insert as markup.</summary>
    public string Html { get; private set; } = string.Empty;

    public IActionResult OnGet()
    {
        if (Guides.Markdown(Name) is not { } markdown)
        {
            return NotFound();
        }

        Title = Guides.Titles[Name];
        Html = HelpPages.ToHtml(markdown);
        return Page();
    }
}
