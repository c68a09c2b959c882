using Ballotline.Server.Infrastructure;
using Ballotline.Server.Operations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Help;

public sealed class HelpModel(HelpPages pages, IAuthorizationService authorization) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = "faq";

    public HelpPage? HelpContent { get; private set; }

    /// <summary>Rendered by Markdig with raw HTML disabled: safe to insert as markup.</summary>
    public string Html => HelpPages.ToHtml(HelpContent?.Markdown ?? string.Empty);

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        HelpContent = await pages.GetAsync(Slug, Languages.VoterLanguages.Current, HttpContext.RequestAborted);
        return Page();
    });

    public async Task<IActionResult> OnPostAsync(string title, string markdown) => await TryAsync(async () =>
    {
        if (!(await authorization.AuthorizeAsync(User, Accounts.Roles.Support)).Succeeded)
        {
            return Forbid();
        }

        // Staff edit the version of the language they are reading the page in.
        await pages.SaveAsync(Slug, Languages.VoterLanguages.Current, title, markdown, User.Actor(), HttpContext.RequestAborted);
        StatusMessage = Words["Page saved."];
        return Redirect($"/help/{Slug}");
    });
}
