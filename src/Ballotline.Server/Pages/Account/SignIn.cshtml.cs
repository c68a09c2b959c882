using Ballotline.Server.Accounts;
using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Ballotline.Server.Pages.Account;

[EnableRateLimiting(RateLimiting.SignIn)]
public sealed class SignInModel(SignInManager<BallotlineUser> signIn, SignInThrottle throttle) : BallotlinePage
{
    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var address = HttpContext.Connection.RemoteIpAddress;
        if (throttle.IsThrottled(address))
        {
            ErrorMessage = Words[AuthApi.ThrottledMessage];
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email?.Trim() ?? string.Empty, Password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            throttle.Succeeded(address);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        throttle.Failed(address);
        ErrorMessage = result.IsLockedOut
            ? Words["Too many failed attempts: the account is locked for 15 minutes."]
            : Words["The email or password is wrong."];
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
