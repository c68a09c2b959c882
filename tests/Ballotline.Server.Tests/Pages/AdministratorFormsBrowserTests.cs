using Ballotline.Server.Elections;
using Ballotline.Server.Tests.Anchoring;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests.Pages;

/// <summary>The organiser's forms in a current Chromium: their client-side checks work, and the election page offers only actions that still make sense.</summary>
public sealed class AdministratorFormsBrowserTests
{
    [Fact]
    public async Task The_short_name_pattern_is_a_valid_expression_that_checks_as_typed_and_no_reminder_is_offered_after_the_count()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var baseUrl = $"http://127.0.0.1:{port}";
        var (pilot, election, _) = await AnchoringTests.CastAsync(app, "forms", 2);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && m.Text.Contains("pattern", StringComparison.OrdinalIgnoreCase))
            {
                consoleErrors.Add(m.Text);
            }
        };
        await Browser.SignInAsync(page, baseUrl, "admin@example.org");
        await page.GotoAsync($"{baseUrl}/admin/elections/edit");
        var slug = page.Locator("input[name='Form.Slug']");
        await slug.FillAsync("Not A Slug!");
        Assert.False(await slug.EvaluateAsync<bool>("e => e.checkValidity()"));
        await slug.FillAsync("town-pilot-2026");
        Assert.True(await slug.EvaluateAsync<bool>("e => e.checkValidity()"));
        Assert.Empty(consoleErrors); // Chromium compiles pattern with the v flag and reports an invalid one on the console

        // While voting is open every reminder is offered; after the count only the feedback reminder (until its deadline).
        await page.GotoAsync($"{baseUrl}/admin/elections/{election.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remind those who have not voted" })).ToBeVisibleAsync();
        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        await page.GotoAsync($"{baseUrl}/admin/elections/{election.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remind those who have not voted" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remind those not registered" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remind voters without feedback (once)" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Emailing_invitations_says_how_many_went_and_the_list_shows_them_invited_at_once()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var baseUrl = $"http://127.0.0.1:{port}";
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("invite-by-mail"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(3)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, baseUrl, "admin@example.org");
        await page.GotoAsync($"{baseUrl}/admin/elections/{election.Id}/group");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "not invited" })).ToHaveCountAsync(3);

        await page.GetByRole(AriaRole.Button, new() { Name = "Email every voter not yet registered their invitation" }).ClickAsync();

        await Assertions.Expect(page.GetByText("3 invitations were issued and emailed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "invited", Exact = true })).ToHaveCountAsync(3);
    }
}
