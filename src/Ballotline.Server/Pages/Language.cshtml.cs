using System.Security.Claims;
using Ballotline.Server.Languages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Pages;

/// <summary>The language switch in every page's header: keeps the choice in a cookie and, for a signed-in voter, for their mail.</summary>
public sealed class LanguageModel(Data.BallotlineDb db) : BallotlinePage
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        var chosen = VoterLanguages.Normalize(language);
        if (chosen is null)
        {
            return BadRequest();
        }

        VoterLanguages.Remember(Response, chosen);
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            await db.PilotVoters.Where(v => v.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(v => v.Language, chosen), HttpContext.RequestAborted);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
