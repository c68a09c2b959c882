using System.Security.Claims;
using Ballotline.Server.Accounts;
using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Authentication;

namespace Ballotline.Server.Support;

public static class SupportApi
{
    public sealed record TicketView(long Id, string Subject, string Body, string Email, string? Severity, string Category, string Status, string? Assignee,
        DateTimeOffset CreatedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ResolvedAt, string Flag, IReadOnlyList<MessageView> Messages);

    public sealed record MessageView(string Author, string Text, bool FromStaff, DateTimeOffset At);

    public static TicketView View(SupportTicket t, DateTimeOffset now, bool forStaff)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Id, t.Subject, t.Body, t.Email, t.Severity?.ToString(), t.Category, t.Status.ToString(), forStaff ? t.Assignee : null, t.CreatedAt,
            t.FirstResponseAt, t.ResolvedAt, forStaff ? ResponseTargets.Flag(t, now) : string.Empty,
            [.. t.Messages.Where(m => forStaff || !m.Internal).OrderBy(m => m.At).Select(m => new MessageView(m.Author, m.Text, m.FromStaff, m.At))]);
    }

    public static IEndpointRouteBuilder MapSupportApi(this IEndpointRouteBuilder app)
    {
        // Anyone may open a ticket (signed in, or by email address); rate limited against spam.
        app.MapPost("/api/support/tickets", async (TicketInput input, SupportService support, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        {
            var auth = await http.AuthenticateAsync(Microsoft.AspNetCore.Identity.IdentityConstants.BearerScheme);
            var user = auth.Succeeded ? auth.Principal : null;
            var ticket = await support.OpenAsync(input, user?.FindFirstValue(ClaimTypes.NameIdentifier), user?.FindFirstValue(ClaimTypes.Email) ?? user?.Identity?.Name, ct);
            return TypedResults.Created($"/api/support/tickets/{ticket.Id}", View(ticket, clock.GetUtcNow(), forStaff: false));
        }).RequireRateLimiting(RateLimiting.Tickets).WithTags("Support").WithSummary("Open a support ticket");

        var voter = app.MapGroup("/api/support/my-tickets").WithTags("Support").RequireAuthorization(p => p.AddAuthenticationSchemes(Microsoft.AspNetCore.Identity.IdentityConstants.BearerScheme).RequireAuthenticatedUser());
        voter.MapGet("/", async (SupportService support, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            (await support.MineAsync(http.User.UserId(), ct)).Select(t => View(t, clock.GetUtcNow(), forStaff: false))).WithSummary("Your tickets, with staff replies");

        var staff = app.MapGroup("/api/support/tickets").WithTags("Support").RequireApiRole(Roles.Administrator, Roles.Support);
        staff.MapGet("/", async (SupportService support, TimeProvider clock, CancellationToken ct) =>
            (await support.QueueAsync(ct)).Select(t => View(t, clock.GetUtcNow(), forStaff: true))).WithSummary("The support queue with response-target flags");
        staff.MapPost("/{id:long}/triage", async (long id, TriageInput input, SupportService support, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            View(await support.TriageAsync(id, input, http.User.Actor(), ct), clock.GetUtcNow(), forStaff: true)).WithSummary("Set severity, category, status, assignee; reply or add a note");
        return app;
    }
}
