using System.Net;
using System.Net.Http.Json;
using Ballotline.Server.Elections;
using Ballotline.Server.Observability;
using Ballotline.Server.Support;
using Ballotline.Server.Tests.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.SupportDesk;

public sealed class SupportTests
{
    private static async Task<(BallotlineApp App, PilotDriver Pilot, HttpClient Voter, HttpClient Staff)> SetUpAsync(BallotlineApp app)
    {
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("support"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(2)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var voter = await pilot.RegisterAsync((await pilot.InviteAsync(election.Id))[0]);
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync("/api/staff", new { email = "helper@example.org", name = "Helper", password = PilotDriver.Password, role = "Support" }));
        return (app, pilot, voter, await PilotDriver.SignInAsync(app, "helper@example.org", PilotDriver.Password));
    }

    [Fact]
    public async Task A_ticket_is_triaged_answered_and_resolved_with_the_voter_seeing_replies_but_not_notes()
    {
        await using var app = new BallotlineApp();
        var (_, pilot, voter, staff) = await SetUpAsync(app);
        var opened = await voter.PostAsJsonAsync("/api/support/tickets", new TicketInput(null, "Cannot see my receipt", "After casting, the page was blank. <b>help</b>", null));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var ticket = (await opened.Content.ReadFromJsonAsync<SupportApi.TicketView>())!;
        Assert.Equal("voter0@example.org", ticket.Email);

        var triaged = await staff.PostAsJsonAsync($"/api/support/tickets/{ticket.Id}/triage",
            new TriageInput(TicketSeverity.High, "receipts", null, "Helper", "Your ballot is counted; here is your tracking code…", "Looks like the CSS did not load"));
        await PilotDriver.EnsureAsync(triaged);
        var view = (await triaged.Content.ReadFromJsonAsync<SupportApi.TicketView>())!;
        Assert.Equal("High", view.Severity);
        Assert.Equal("InProgress", view.Status);
        Assert.NotNull(view.FirstResponseAt);

        var mine = (await voter.GetFromJsonAsync<List<SupportApi.TicketView>>("/api/support/my-tickets"))!.Single();
        Assert.Single(mine.Messages);
        Assert.Contains("tracking code", mine.Messages[0].Text, StringComparison.Ordinal);
        Assert.Null(mine.Assignee);

        await PilotDriver.EnsureAsync(await staff.PostAsJsonAsync($"/api/support/tickets/{ticket.Id}/triage", new TriageInput(null, null, TicketStatus.Resolved, null, null, null)));
        var resolved = (await staff.GetFromJsonAsync<List<SupportApi.TicketView>>("/api/support/tickets"))!.Single();
        Assert.Equal("Resolved", resolved.Status);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Equal(2, resolved.Messages.Count);

        Assert.Equal(HttpStatusCode.Forbidden, (await voter.GetAsync("/api/support/tickets")).StatusCode);
        var metrics = await app.CreateClient().GetStringAsync("/metrics");
        Assert.Equal(1, MetricsTests.Value(metrics, "ballotline_support_tickets_opened_total{severity=\"untriaged\"}"));
        Assert.Equal(0, MetricsTests.Value(metrics, "ballotline_support_tickets_open{severity=\"2\"}")); // resolved
        _ = pilot;
    }

    [Fact]
    public async Task A_staff_reply_is_mailed_to_the_address_the_question_came_from_and_an_internal_note_is_not()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);

        // Someone who cannot sign in writes from the form with their address only.
        var opened = await app.CreateClient().PostAsJsonAsync("/api/support/tickets", new TicketInput("Locked.Out@Example.org", "Cannot sign in", "I forgot my password", null));
        await PilotDriver.EnsureAsync(opened);
        var ticket = (await opened.Content.ReadFromJsonAsync<SupportApi.TicketView>())!;
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync($"/api/support/tickets/{ticket.Id}/triage",
            new TriageInput(TicketSeverity.High, null, null, null, "Use 'Forgot your password?' on the sign-in page.", "Checked the roll: registered")));

        var mail = await app.WithDbAsync(db => db.OutgoingMail.Where(m => m.Kind == "support-reply").ToListAsync());
        var reply = Assert.Single(mail);
        Assert.Equal("locked.out@example.org", reply.To);
        Assert.Equal("Re: Cannot sign in", reply.Subject);
        Assert.True(reply.Protected); // encrypted at rest
        var text = await app.WithServiceAsync(s => Task.FromResult(Server.Mail.MailOutbox.Text(reply, s.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>())));
        Assert.Contains("Use 'Forgot your password?' on the sign-in page.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Checked the roll", text, StringComparison.Ordinal);

        // A note alone mails nothing.
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync($"/api/support/tickets/{ticket.Id}/triage", new TriageInput(null, null, null, null, null, "Waiting for the voter")));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutgoingMail.CountAsync(m => m.Kind == "support-reply")));
    }

    [Fact]
    public async Task Tickets_about_to_breach_or_breached_are_flagged_and_counted_on_the_dashboard()
    {
        await using var app = new BallotlineApp();
        var (_, pilot, _, staff) = await SetUpAsync(app);
        var anonymous = app.CreateClient();
        await PilotDriver.EnsureAsync(await anonymous.PostAsJsonAsync("/api/support/tickets", new TicketInput("someone@example.org", "Voting is broken", "The button does nothing", null)));
        await PilotDriver.EnsureAsync(await anonymous.PostAsJsonAsync("/api/support/tickets", new TicketInput("other@example.org", "Font too small", "Please make it bigger", null)));
        var queue = (await staff.GetFromJsonAsync<List<SupportApi.TicketView>>("/api/support/tickets"))!;
        await PilotDriver.EnsureAsync(await staff.PostAsJsonAsync($"/api/support/tickets/{queue[0].Id}/triage", new TriageInput(TicketSeverity.Critical, null, null, null, null, null)));
        await PilotDriver.EnsureAsync(await staff.PostAsJsonAsync($"/api/support/tickets/{queue[1].Id}/triage", new TriageInput(TicketSeverity.Medium, null, null, null, null, null)));

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        staff = await PilotDriver.SignInAsync(app, "helper@example.org", PilotDriver.Password);
        queue = (await staff.GetFromJsonAsync<List<SupportApi.TicketView>>("/api/support/tickets"))!;
        Assert.Equal("BREACHED", queue.Single(t => t.Severity == "Critical").Flag); // critical: 15 minutes
        Assert.Equal(string.Empty, queue.Single(t => t.Severity == "Medium").Flag);
        app.Clock.Advance(TimeSpan.FromHours(3));
        staff = await PilotDriver.SignInAsync(app, "helper@example.org", PilotDriver.Password);
        queue = (await staff.GetFromJsonAsync<List<SupportApi.TicketView>>("/api/support/tickets"))!;
        Assert.Equal("due soon", queue.Single(t => t.Severity == "Medium").Flag); // 3 h 20 of 4 h

        var admin = await PilotDriver.SignInAsync(app, "admin@example.org", PilotDriver.Password);
        var dashboard = await admin.GetFromJsonAsync<DashboardSnapshot>("/api/admin/dashboard");
        Assert.Equal(1, dashboard!.OpenTicketsBySeverity["1 Critical"]);
        Assert.Equal(1, dashboard.OpenTicketsBySeverity["3 Medium"]);
        _ = pilot;
    }

    [Fact]
    public async Task Bad_tickets_and_ticket_spam_are_refused_with_a_clear_message()
    {
        await using var app = new BallotlineApp().With("RateLimits:TicketsPerMinutePerAddress", "3");
        await PilotDriver.StartAsync(app);
        var client = app.CreateClient();
        var bad = await client.PostAsJsonAsync("/api/support/tickets", new TicketInput("not-an-address", "", new string('x', 4001), null));
        Assert.Equal(3, (await PilotDriver.ProblemAsync(bad)).GetProperty("errors").GetArrayLength());
        for (var i = 0; i < 2; i++)
        {
            await PilotDriver.EnsureAsync(await client.PostAsJsonAsync("/api/support/tickets", new TicketInput("a@example.org", "Hello", "Help", null)));
        }

        var spam = await client.PostAsJsonAsync("/api/support/tickets", new TicketInput("a@example.org", "Hello", "Help", null));
        Assert.Equal(HttpStatusCode.TooManyRequests, spam.StatusCode);
        Assert.Contains("Too many attempts", (await PilotDriver.ProblemAsync(spam)).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", spam.Content.Headers.ContentType?.MediaType);
        Assert.InRange(int.Parse(spam.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task Free_text_is_shown_escaped_in_the_support_queue()
    {
        await using var app = new BallotlineApp();
        await PilotDriver.StartAsync(app);
        await PilotDriver.EnsureAsync(await app.CreateClient().PostAsJsonAsync("/api/support/tickets", new TicketInput("x@example.org", "<img src=x onerror=alert(1)>", "<script>alert(2)</script>", null)));
        var browser = app.CreateClient(new() { HandleCookies = true });
        await PilotDriver.SubmitFormAsync(browser, "/account/sign-in", "/account/sign-in", new() { ["Email"] = "admin@example.org", ["Password"] = PilotDriver.Password });
        var queue = await browser.GetStringAsync("/support/queue");
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(2)", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", queue, StringComparison.Ordinal);
    }
}
