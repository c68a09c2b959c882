using System.Net;
using System.Net.Http.Json;
using Ballotline.Server.Operations;
using Ballotline.Server.Support;

namespace Ballotline.Server.Tests.Operations;

/// <summary>Support materials, the issues log and lessons learned.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task Support_materials_are_editable_markdown_shown_to_everyone_with_html_escaped()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var anonymous = app.CreateClient();
        var faq = await anonymous.GetFromJsonAsync<OperationsApi.HelpPageView>("/api/help/faq");
        Assert.Contains("<h2", faq!.Html, StringComparison.Ordinal);

        await PilotDriver.EnsureAsync(await pilot.Admin.PutAsJsonAsync("/api/help/troubleshooting",
            new OperationsApi.HelpPageView("troubleshooting", "When things go wrong", "**Bold** <script>alert(1)</script>", string.Empty)));
        var page = await anonymous.GetStringAsync("/help/troubleshooting");
        Assert.Contains("<strong>Bold</strong>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", page, StringComparison.Ordinal);
        Assert.Contains("When things go wrong", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/help/faq", faq)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/help/no-such-page")).StatusCode);
    }

    [Fact]
    public async Task The_issues_log_records_problems_with_severity_status_and_resolution()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var created = await (await pilot.Admin.PostAsJsonAsync("/api/issues",
            new OperationsService.IssueInput(null, "Receipt page slow", "Takes 5 s on phones", TicketSeverity.High, IssueStatus.Open, null, "ticket #3")))
            .Content.ReadFromJsonAsync<PilotIssue>();
        Assert.Equal("ticket #3", created!.Source);

        var refused = await pilot.Admin.PutAsJsonAsync($"/api/issues/{created.Id}", new OperationsService.IssueInput(null, "Receipt page slow", null, TicketSeverity.High, IssueStatus.Fixed, null, null));
        Assert.Contains("Say what the workaround or fix is.", (await PilotDriver.ProblemAsync(refused)).GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        await PilotDriver.EnsureAsync(await pilot.Admin.PutAsJsonAsync($"/api/issues/{created.Id}",
            new OperationsService.IssueInput(null, "Receipt page slow", null, TicketSeverity.High, IssueStatus.Fixed, "Cached the chain status", null)));
        var log = (await pilot.Admin.GetFromJsonAsync<List<PilotIssue>>("/api/issues"))!;
        Assert.Equal(IssueStatus.Fixed, log.Single().Status);
        Assert.Equal("Cached the chain status", log.Single().Resolution);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/issues")).StatusCode);
    }

    [Fact]
    public async Task Lessons_learned_follow_the_template_and_export_as_markdown()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("lessons"));
        await PilotDriver.EnsureAsync(await pilot.Admin.PutAsJsonAsync($"/api/elections/{election.Id}/lessons",
            new OperationsService.LessonsInput("Batching kept fees tiny", "Invitations went to spam", "Older voters liked the receipt", "Send from our domain", "Ready for phase 3")));
        var markdown = await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/lessons/markdown");
        Assert.Equal("# Lessons learned: Pilot lessons\n\n## What went well\nBatching kept fees tiny\n\n## What didn't go well\nInvitations went to spam\n\n## Surprises\nOlder voters liked the receipt\n\n## What we'd do differently\nSend from our domain\n\n## Key takeaways\nReady for phase 3\n", markdown);
    }
}
