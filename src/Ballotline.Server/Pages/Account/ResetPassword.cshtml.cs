using Ballotline.Server.Accounts;
using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Ballotline.Server.Pages.Account;

[EnableRateLimiting(RateLimiting.SignIn)]
public sealed class ResetPasswordModel(PasswordResets resets) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? password, string? passwordAgain) => await TryAsync(async () =>
    {
        await resets.ResetAsync(Email, Token, password, passwordAgain);
        StatusMessage = Words["Your new password is saved. Sign in with it."];
        return Redirect("/account/sign-in");
    });
}
