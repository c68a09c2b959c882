using Ballotline.Server.Accounts;
using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Ballotline.Server.Pages.Account;

[EnableRateLimiting(RateLimiting.SignIn)]
public sealed class ForgotPasswordModel(PasswordResets resets) : BallotlinePage
{
    [BindProperty]
    public string Email { get; set; } = string.Empty;

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The same answer whether or not the address has an account.
        await resets.RequestAsync(Email, HttpContext.RequestAborted);
        Sent = true;
        return Page();
    }
}
