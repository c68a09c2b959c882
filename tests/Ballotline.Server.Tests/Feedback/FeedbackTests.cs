using System.Net;
using System.Net.Http.Json;
using Ballotline.Server.Elections;
using Ballotline.Server.Feedback;
using Ballotline.Server.Tests.Observability;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests.Feedback;

public sealed class FeedbackTests
{
    private static FeedbackInput Good(int overall = 4) => new(overall, 5, 4, 3, true, true, "Quick to vote", "The word <script>alert(1)</script> anchor", "More help text", "");

    private static async Task<(BallotlineApp App, PilotDriver Pilot, ElectionSummary Election, HttpClient Voter)> VoterAsync()
    {
        var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("feedback"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(2)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        return (app, pilot, election, await pilot.RegisterAsync((await pilot.InviteAsync(election.Id))[0]));
    }

    [Fact]
    public async Task A_voter_gives_feedback_once_can_edit_it_and_the_csv_has_the_plan_columns_without_identity()
    {
        var (app, pilot, election, voter) = await VoterAsync();
        await using var _ = app;
        await PilotDriver.EnsureAsync(await voter.PutAsJsonAsync($"/api/elections/{election.Id}/feedback", Good(4)));
        await PilotDriver.EnsureAsync(await voter.PutAsJsonAsync($"/api/elections/{election.Id}/feedback", Good(2)));
        var mine = await voter.GetFromJsonAsync<FeedbackResponse>($"/api/elections/{election.Id}/feedback");
        Assert.Equal(2, mine!.Overall);

        var csv = await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/feedback.csv");
        var lines = csv.Trim().Split('\n');
        Assert.Equal("overall,registration_ease,voting_ease,verification_clarity,would_trust,would_use_again,what_worked,what_confused,suggestions,technical_issues", lines[0].Trim());
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("2,5,4,3,yes,yes,Quick to vote,", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("voter0@example.org", csv, StringComparison.Ordinal);
        Assert.Contains("voter0@example.org", await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/feedback.csv?withIdentity=true"), StringComparison.Ordinal);
        Assert.Equal(1, MetricsTests.Value(await app.CreateClient().GetStringAsync("/metrics"), "ballotline_feedback_responses_total"));
    }

    [Fact]
    public async Task Invalid_values_late_feedback_and_the_wrong_people_are_refused_with_the_reason()
    {
        var (app, pilot, election, voter) = await VoterAsync();
        await using var _ = app;
        var bad = await voter.PutAsJsonAsync($"/api/elections/{election.Id}/feedback", Good() with { Overall = 6, WouldTrust = null, Suggestions = new string('x', 2001) });
        var problem = await PilotDriver.ProblemAsync(bad);
        Assert.Equal("invalid-feedback", problem.GetProperty("code").GetString());
        Assert.Equal(3, problem.GetProperty("errors").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await pilot.Admin.PutAsJsonAsync($"/api/elections/{election.Id}/feedback", Good())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/elections/{election.Id}/feedback.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await voter.GetAsync($"/api/elections/{election.Id}/feedback.csv")).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(6));
        voter = await PilotDriver.SignInAsync(app, "voter0@example.org", PilotDriver.Password);
        var late = await voter.PutAsJsonAsync($"/api/elections/{election.Id}/feedback", Good());
        Assert.Equal("feedback-closed", (await PilotDriver.ProblemAsync(late)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_floating_feedback_button_opens_the_form_which_saves_and_shows_free_text_escaped_in_chromium()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("feedback-ui"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(1)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        await pilot.RegisterAsync((await pilot.InviteAsync(election.Id))[0]);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await Browser.SignInAsync(page, $"http://127.0.0.1:{port}", "voter0@example.org");

        // The button is a real link reachable with the keyboard.
        var button = page.GetByRole(AriaRole.Link, new() { Name = "Pilot feedback" });
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pilot feedback" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Group, new() { Name = "Overall experience" }).GetByLabel("4").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Ease of registration" }).GetByLabel("5 (excellent)").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Ease of voting" }).GetByLabel("5 (excellent)").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "How clear was checking your vote on the blockchain?" }).GetByLabel("3").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Would you trust this for real elections?" }).GetByLabel("Yes").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Would you use it again?" }).GetByLabel("No").CheckAsync();
        await page.GetByLabel("What was confusing?").FillAsync("<script>alert('x')</script> the receipt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Thank you — your feedback is saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("What was confusing?")).ToHaveValueAsync("<script>alert('x')</script> the receipt");
        Assert.Equal(0, dialogs);
    }
}
