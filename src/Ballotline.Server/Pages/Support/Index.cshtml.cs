using System.Security.Claims;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Ballotline.Server.Pages.Support;

[EnableRateLimiting(RateLimiting.Tickets)]
public sealed class SupportModel(SupportService support) : BallotlinePage
{
    public bool SignedIn => User.FindFirstValue(ClaimTypes.NameIdentifier) is not null;

    public IReadOnlyList<SupportTicket> Tickets { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(string? email, string subject, string body) => await TryAsync(
        async () =>
        {
            var ticket = await support.OpenAsync(new TicketInput(email, subject, body, null), User.FindFirstValue(ClaimTypes.NameIdentifier),
                SignedIn ? User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name : null, HttpContext.RequestAborted);
            StatusMessage = SignedIn
                ? Words["Thank you — your request #{0} is with support. We answer by email and on this page.", ticket.Id]
                : Words["Thank you — your request #{0} is with support. We answer by email.", ticket.Id];
            return Redirect("/support");
        },
        async () =>
        {
            await LoadAsync();
            return Page();
        });

    private async Task LoadAsync()
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            Tickets = await support.MineAsync(userId, HttpContext.RequestAborted);
        }
    }
}
