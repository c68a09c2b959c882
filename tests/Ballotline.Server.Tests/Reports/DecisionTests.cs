using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ballotline.Server.Elections;
using Ballotline.Server.Feedback;
using Ballotline.Server.Operations;
using Ballotline.Server.Reports;
using Ballotline.Server.Support;
using Ballotline.Server.Tests.Anchoring;

namespace Ballotline.Server.Tests.Reports;

/// <summary>The success table and GO / NO-GO computed from what a real (small) pilot recorded.</summary>
public sealed class DecisionTests
{
    [Fact]
    public async Task The_decision_is_computed_from_the_recorded_pilot_and_names_every_unmet_target()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("decision"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(4)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var invitations = await pilot.InviteAsync(election.Id);
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);

        // 4 invited, 3 registered, 2 voted; feedback 5 (would trust) and 4 (would not).
        var voters = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            voters.Add(await pilot.RegisterAsync(invitations[i]));
        }

        Server.Voting.Receipt? last = null;
        foreach (var (voter, choice) in new[] { (voters[0], "aurora"), (voters[1], "compass") })
        {
            await voter.GetAsync($"/api/elections/{election.Id}/ballot");
            var cast = await PilotDriver.CastAsync(voter, election.Id, choice);
            await PilotDriver.EnsureAsync(cast);
            last = await cast.Content.ReadFromJsonAsync<Server.Voting.Receipt>();
        }

        await PilotDriver.EnsureAsync(await voters[0].PutAsJsonAsync($"/api/elections/{election.Id}/feedback", new FeedbackInput(5, 5, 5, 4, true, true, "", "", "", "")));
        await PilotDriver.EnsureAsync(await voters[1].PutAsJsonAsync($"/api/elections/{election.Id}/feedback", new FeedbackInput(4, 4, 4, 2, false, true, "", "", "", "")));

        // One ticket, resolved at once; one critical issue, still open.
        var ticket = (await (await voters[2].PostAsJsonAsync("/api/support/tickets", new TicketInput(null, "Where is the ballot?", "I registered but see nothing", election.Id)))
            .Content.ReadFromJsonAsync<SupportApi.TicketView>())!;
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync($"/api/support/tickets/{ticket.Id}/triage", new TriageInput(TicketSeverity.Low, null, TicketStatus.Resolved, null, "Reload the page", null)));
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync("/api/issues",
            new OperationsService.IssueInput(election.Id, "Receipts missing on one phone", null, TicketSeverity.Critical, IssueStatus.Open, null, "staff")));
        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, last!.TrackingCode)).Stage == "final", "the ballots are final");

        var decision = (await pilot.Admin.GetFromJsonAsync<ReportsApi.DecisionView>($"/api/elections/{election.Id}/decision"))!;

        Assert.Equal("NO-GO", decision.Verdict);
        Assert.Equal(["3", "66.7%", "100.0%", "4.50/5", "50.0%", "1 (1 open)"], decision.Table.Take(6).Select(r => r.Actual));
        Assert.StartsWith("0.0", decision.Table[6].Actual, StringComparison.Ordinal);
        Assert.Equal([false, false, true, true, false, false, true], decision.Table.Select(r => r.Met));
        Assert.Equal(5, decision.Reasons.Count);
        Assert.Contains("Participants: target 50–200, actual 3.", decision.Reasons);
        Assert.Contains(decision.Reasons, r => r.Contains("still open", StringComparison.Ordinal));
        Assert.Contains("Fix immediately.", decision.Recommendations);
        Assert.Contains("Recommendation: **NO-GO**", decision.Markdown, StringComparison.Ordinal);

        var report = await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/report/metrics");
        string[] sections = ["# Pilot Election Metrics Report", "## Executive Summary", "## Registration Metrics", "## Voting Metrics", "## User Experience",
            "## Technical Performance", "## Issues Identified", "## Recommendations", "## Go/No-Go for Phase 3", "## Definitions"];
        Assert.Equal(sections, report.Split('\n').Where(l => l.StartsWith('#') && !l.StartsWith("###", StringComparison.Ordinal)));
        Assert.Contains("- Total participants: 3 registered of 4 in the pilot group", report, StringComparison.Ordinal);
        Assert.Contains("- Completion rate: 75.0% of invited voters", report, StringComparison.Ordinal);
        Assert.Contains("| registered | 3 | 0 (0.0%) |", report, StringComparison.Ordinal);
        Assert.Contains("| ballot opened | 2 | 1 (33.3%) |", report, StringComparison.Ordinal);
        Assert.Contains("| cast | 2 | 0 (0.0%) |", report, StringComparison.Ordinal);
        Assert.Contains("| feedback | 2 |", report, StringComparison.Ordinal);
        Assert.Contains("- Ease of use: 4.50/5", report, StringComparison.Ordinal);
        Assert.Contains("- Would use again: 100.0%", report, StringComparison.Ordinal);
        Assert.Contains("- Failed transactions: 0", report, StringComparison.Ordinal);
        Assert.Matches(@"- System uptime: [0-9.]+% of the voting window \(from the server's heartbeats\)", report);
        Assert.Matches(@"- Average gas cost: [0-9]+\.[0-9] gas per ballot", report);
        Assert.Contains("1. Receipts missing on one phone - Severity: 1 Critical - Status: Open", report, StringComparison.Ordinal);
        Assert.DoesNotContain("aurora", report, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("[", report, StringComparison.Ordinal); // no template placeholder left

        var feedbackReport = await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/report/feedback");
        Assert.Contains("| Overall experience | 4.50 | 4.5 | 0 | 0 | 0 | 1 | 1 |", feedbackReport, StringComparison.Ordinal);
        Assert.Contains("| technical | 2 | 4.50 | 50.0% | 100.0% |", feedbackReport, StringComparison.Ordinal);
        Assert.Contains("| 18-29 | 1 | 5.00 | 100.0% | 100.0% |", feedbackReport, StringComparison.Ordinal);
        Assert.Contains("| 30-44 | 1 | 4.00 | 0.0% | 100.0% |", feedbackReport, StringComparison.Ordinal);
        Assert.Contains("- Would trust this for real elections: 50.0%", feedbackReport, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", feedbackReport, StringComparison.Ordinal);

        // The Phase 2 report from the same record: one HTML file with every chart embedded, nothing else loaded.
        using var html = await pilot.Admin.GetAsync($"/api/elections/{election.Id}/report/phase2.html");
        await PilotDriver.EnsureAsync(html);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none'", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Equal(7, Regex.Count(page, "<img src=\"data:image/png;base64,"));
        Assert.Contains("<h2>8. Phase 3 readiness</h2>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("aurora", Regex.Replace(page, "base64,[A-Za-z0-9+/=]+", ""), StringComparison.OrdinalIgnoreCase);
        var phase2 = await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/report/phase2.md");
        Assert.Contains("- Pilot group: 4 voters", phase2, StringComparison.Ordinal);
        Assert.Matches(@"\*\*Chart — Votes per (10 minutes|minute|10 seconds|second):\*\* 2 ballots in \d+ [a-z0-9-]+ intervals?", phase2);
        Assert.Contains("**Chart — Support tickets by severity:** 4 Low: 1 tickets, mean 0 min to resolve", phase2, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await voters[0].GetAsync($"/api/elections/{election.Id}/report/phase2.html")).StatusCode);

        // Fixing the issue leaves the count (it was found) but no longer blocks as open.
        var issue = (await pilot.Admin.GetFromJsonAsync<List<PilotIssue>>($"/api/issues?electionId={election.Id}"))!.Single();
        await PilotDriver.EnsureAsync(await pilot.Admin.PutAsJsonAsync($"/api/issues/{issue.Id}",
            new OperationsService.IssueInput(election.Id, issue.Title, null, TicketSeverity.Critical, IssueStatus.Fixed, "Receipt page reworked", "staff")));
        var after = (await pilot.Admin.GetFromJsonAsync<ReportsApi.DecisionView>($"/api/elections/{election.Id}/decision"))!;
        Assert.Equal("1", after.Table[5].Actual);
        Assert.DoesNotContain(after.Reasons, r => r.Contains("still open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Before_anything_is_recorded_each_figure_says_why_it_cannot_be_computed()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("decision-empty"));

        var decision = (await pilot.Admin.GetFromJsonAsync<ReportsApi.DecisionView>($"/api/elections/{election.Id}/decision"))!;

        Assert.Equal("NO-GO", decision.Verdict);
        Assert.Equal("not computable: no voter has registered", decision.Table[1].Actual);
        Assert.Equal("not computable: no anchoring transaction has reached a final outcome yet", decision.Table[2].Actual);
        Assert.Equal("not computable: no feedback was given", decision.Table[3].Actual);
        Assert.Equal("0.00 h (no ticket was opened)", decision.Table[6].Actual);
        Assert.Equal(HttpStatusCode.NotFound, (await pilot.Admin.GetAsync($"/api/elections/{Guid.NewGuid()}/decision")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pilot.Admin.GetAsync($"/api/elections/{Guid.NewGuid()}/report/metrics")).StatusCode);
        var report = await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/report/metrics");
        Assert.Contains("- Average time: not computable: no voter has completed registration", report, StringComparison.Ordinal);
        Assert.Contains("- Average gas cost: not computable: no ballot is final on the chain yet", report, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/elections/{election.Id}/decision")).StatusCode);
    }
}
