using Ballotline.Server.Accounts;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.PilotGroup;
using Ballotline.Server.Registration;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Ballotline.Server.Pages;

[EnableRateLimiting(RateLimiting.Registration)]
public sealed class RegisterModel(RegistrationService registration, UserManager<BallotlineUser> users, SignInManager<BallotlineUser> signIn, Data.BallotlineDb db, Anchoring.ChainConnection chain) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    public PilotVoter? Voter { get; private set; }

    public Election? Election { get; private set; }

    public Anchoring.ElectionAnnouncement? Announcement { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        (Voter, Election) = await registration.StartAsync(Token);
        Announcement = await Anchoring.ElectionAnnouncement.ForAsync(db, chain, Election, HttpContext.RequestAborted);
        return Page();
    });

    public async Task<IActionResult> OnPostAsync(string password, string confirm, bool acknowledged) => await TryAsync(
        async () =>
        {
            if (!string.Equals(password, confirm, StringComparison.Ordinal))
            {
                throw new DomainException("password-mismatch", "The two passwords are not the same; type them again.");
            }

            var voter = await registration.CompleteAsync(Token, password, acknowledged, Languages.VoterLanguages.Chosen(HttpContext));
            var user = await users.FindByIdAsync(voter.UserId!);
            await signIn.SignInAsync(user!, isPersistent: false);
            StatusMessage = Words["You are registered. You can vote here when voting opens."];
            return Redirect("/");
        },
        async () =>
        {
            try
            {
                (Voter, Election) = await registration.StartAsync(Token);
            }
            catch (DomainException)
            {
                // The link itself is the problem; the message already says so.
            }

            return Page();
        });
}
