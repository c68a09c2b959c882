using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ballotline.Server.Pages;

/// <summary>What a person's browser shows for an error status (a mistyped address, a page they may not open).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Code { get; set; }

    public string Title => Code switch
    {
        404 => "Page not found",
        403 => "This page is not for your account",
        401 => "Please sign in",
        429 => "Too many requests",
        _ => "Something went wrong",
    };

    public string Explanation => Code switch
    {
        404 => "There is no page at this address. It may have been mistyped, or the link may be old. Your vote and your receipt are not affected.",
        403 => "You are signed in, but this page belongs to another role (for example, the organisers').",
        401 => "Sign in to see this page.",
        429 => "Please wait a minute and try again.",
        _ => "Please try again in a moment. If it keeps happening, write to the election's support address.",
    };

    public void OnGet()
    {
        // A direct visit to /status/… is a page like any other; a re-executed error keeps its original status code.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = Code is >= 400 and <= 599 ? Code : 404;
        }
    }
}
