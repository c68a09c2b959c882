using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ballotline.Server.Pages;

/// <summary>Shared page behaviour: a refused action redisplays the page with the reason, never an error trace.</summary>
public abstract class BallotlinePage : PageModel
{
    public string? ErrorMessage { get; protected set; }

    public IReadOnlyList<string> ErrorDetails { get; protected set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    protected async Task<IActionResult> TryAsync(Func<Task<IActionResult>> action, Func<Task<IActionResult>>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action();
        }
        catch (DomainException e)
        {
            ErrorMessage = e.Message;
            ErrorDetails = e.Details;
            Response.StatusCode = e.StatusCode;
            return onError is null ? Page() : await onError();
        }
    }
}
