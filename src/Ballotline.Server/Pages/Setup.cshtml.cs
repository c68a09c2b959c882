using Ballotline.Server.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages;

public sealed class SetupModel(SetupService setup, SignInManager<BallotlineUser> signIn) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string DisplayName { get; set; } = string.Empty;

    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    public bool Valid { get; private set; }

    public async Task OnGetAsync() => Valid = await setup.IsValidTokenAsync(Token);

    public async Task<IActionResult> OnPostAsync()
    {
        Valid = true;
        return await TryAsync(async () =>
        {
            var user = await setup.CreateFirstAdministratorAsync(Token ?? string.Empty, Email, DisplayName, Password);
            await signIn.SignInAsync(user, isPersistent: false);
            StatusMessage = "Administrator created. Welcome to Ballotline.";
            return Redirect("/admin");
        });
    }
}
