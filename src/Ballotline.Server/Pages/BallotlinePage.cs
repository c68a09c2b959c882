using Ballotline.Server.Infrastructure;
using Ballotline.Server.Languages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ballotline.Server.Pages;

/// <summary>
/// Shared page behaviour: a refused action redisplays the page with the reason, never an error trace, in the reader's
/// language (a refusal's English words are the key of their translation; staff pages have none and stay English).
/// </summary>
public abstract class BallotlinePage : PageModel
{
    public string? ErrorMessage { get; protected set; }

    public IReadOnlyList<string> ErrorDetails { get; protected set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The voter's words in the request's language.</summary>
    protected IStringLocalizer Words => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<VoterText>>();

    protected async Task<IActionResult> TryAsync(Func<Task<IActionResult>> action, Func<Task<IActionResult>>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action();
        }
        catch (DomainException e)
        {
            ErrorMessage = e.MessageArguments.Count == 0 ? Words[e.MessageFormat] : Words[e.MessageFormat, [.. e.MessageArguments]];
            ErrorDetails = [.. e.Details.Select(d => Words[d].Value)];
            Response.StatusCode = e.StatusCode;
            return onError is null ? Page() : await onError();
        }
    }
}
