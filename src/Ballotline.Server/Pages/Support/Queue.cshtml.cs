using Ballotline.Server.Infrastructure;
using Ballotline.Server.Support;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Support;

public sealed class QueueModel(SupportService support, LinkResender links, TimeProvider clock) : BallotlinePage
{
    public IReadOnlyList<SupportTicket> Tickets { get; private set; } = [];

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync() => Tickets = await support.QueueAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(long id, TicketSeverity? severity, string? category, TicketStatus? status, string? assignee, string? reply, string? note) => await TryAsync(
        async () =>
        {
            await support.TriageAsync(id, new TriageInput(severity, category, status, assignee, reply, note), User.Actor(), HttpContext.RequestAborted);
            StatusMessage = $"Ticket #{id} saved.";
            return Redirect("/support/queue");
        },
        ShowQueueAsync);

    public async Task<IActionResult> OnPostResendAsync(string? email) => await TryAsync(
        async () =>
        {
            StatusMessage = await links.ResendAsync(email, User.Actor(), Request.BaseUrl(), HttpContext.RequestAborted);
            return Redirect("/support/queue");
        },
        ShowQueueAsync);

    private async Task<IActionResult> ShowQueueAsync()
    {
        Tickets = await support.QueueAsync(HttpContext.RequestAborted);
        return Page();
    }
}
