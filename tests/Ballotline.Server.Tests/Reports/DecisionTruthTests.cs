using System.Net;
using System.Net.Http.Json;
using Ballotline.Server.Elections;
using Ballotline.Server.Reports;
using Ballotline.Server.Support;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Reports;

/// <summary>The GO / NO-GO and its reports count what happened: every ticket of the pilot, and they are reachable from the interface.</summary>
public sealed class DecisionTruthTests
{
    [Fact]
    public async Task A_ticket_opened_from_the_support_form_without_an_election_counts_in_its_voters_election()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("ticket-link"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(3)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);

        // Someone who cannot sign in writes from the form with their address only; the form names no election.
        var opened = await app.CreateClient().PostAsJsonAsync("/api/support/tickets", new TicketInput("Voter1@Example.org", "Lost my link", "Please help", null));
        await PilotDriver.EnsureAsync(opened);
        Assert.Equal(election.Id, await app.WithDbAsync(db => db.Tickets.Select(t => t.ElectionId).SingleAsync()));

        var decision = (await pilot.Admin.GetFromJsonAsync<ReportsApi.DecisionView>($"/api/elections/{election.Id}/decision"))!;
        Assert.DoesNotContain("no ticket was opened", decision.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reports_linked_from_the_go_no_go_page_open_for_the_signed_in_administrator_and_for_no_one_else()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("report-links"));
        var baseUrl = $"http://127.0.0.1:{port}";

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, baseUrl, "admin@example.org");
        foreach (var report in new[] { "report/phase2.html", "report/phase2.md", "report/metrics", "report/feedback", "decision" })
        {
            var response = await page.APIRequest.GetAsync($"{baseUrl}/api/elections/{election.Id}/{report}");
            Assert.True(response.Status == 200, $"{report} answered {response.Status} to the signed-in administrator");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/elections/{election.Id}/report/metrics")).StatusCode);
    }

    [Fact]
    public async Task The_feedback_response_rate_counts_answers_from_voters_who_cast_and_the_issues_log_feeds_phase_3_by_bucket()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync("response-rate", 3);
        await pilot.OpenVotingAsync(election.Id);
        var voters = new List<HttpClient>();
        foreach (var invitation in invitations)
        {
            voters.Add(await pilot.RegisterAsync(invitation));
        }

        // Two of three cast; one who cast answers, and so does the one who did not: 1 of 2 who cast, 50%.
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(voters[0], election.Id, "aurora"));
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(voters[1], election.Id, "beacon"));
        var answer = new Server.Feedback.FeedbackInput(4, 4, 4, 4, true, true, "Clear", "", "", "");
        await PilotDriver.EnsureAsync(await voters[0].PutAsJsonAsync($"/api/elections/{election.Id}/feedback", answer));
        await PilotDriver.EnsureAsync(await voters[2].PutAsJsonAsync($"/api/elections/{election.Id}/feedback", answer));

        // A low-severity issue put in the must-fix bucket by hand, and a medium one left to its severity's bucket.
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync("/api/issues", new { electionId = election.Id, title = "Mail arrives late", severity = "Low", status = "Open", priority = "MustFix" }));
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync("/api/issues", new { electionId = election.Id, title = "Help text unclear", severity = "Medium", status = "Open" }));

        var report = await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/report/metrics");
        Assert.Contains("- Feedback response rate: 50.0% of the voters who cast online (1 of 2)", report, StringComparison.Ordinal);
        Assert.Contains("- Must fix: Mail arrives late (Low, Open)", report, StringComparison.Ordinal);
        Assert.Contains("- Should fix: Help text unclear (Medium, Open)", report, StringComparison.Ordinal);
        Assert.Contains("- Nice to have: nothing left", report, StringComparison.Ordinal);
    }
}
