using Ballotline.Server.Elections;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests;

/// <summary>The voter's whole journey in real Chromium: invitation → register → vote → receipt → verify.</summary>
public sealed class VoterJourneyBrowserTests
{
    [Fact]
    public async Task A_voter_registers_from_the_invitation_votes_and_verifies_the_receipt_in_chromium()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var baseUrl = $"http://127.0.0.1:{port}";
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("browser"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(3)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen, ElectionState.VotingOpen);
        var invitation = (await pilot.InviteAsync(election.Id))[0];

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } }); // a phone

        await page.GotoAsync($"{baseUrl}/register/{PilotDriver.TokenOf(invitation)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Register to vote" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("TEST election").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(invitation.Email)).ToBeVisibleAsync();
        await page.GetByLabel("I understand this is a TEST election").CheckAsync();
        await page.GetByLabel("Choose a password").FillAsync(PilotDriver.Password);
        await page.GetByLabel("Type the password again").FillAsync(PilotDriver.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You are registered")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Vote" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Project name — choose 1" })).ToBeVisibleAsync();
        await page.GetByLabel("Beacon").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review my ballot" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Project name: Beacon")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cast my ballot" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your ballot was cast" })).ToBeVisibleAsync();
        var shortCode = (await page.Locator(".tracking").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", shortCode);
        await Assertions.Expect(page.GetByText("local development chain (not a public blockchain)").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "ballotline-receipt.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Verify now" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Found.")).ToBeVisibleAsync();

        // Within a batch interval the ballot is anchored on the embedded chain and the proof checks out.
        await Eventually.HoldsAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.GetByText("Verified: the proof links your ballot").CountAsync() > 0;
        }, "the verification page shows the ballot verified against the chain");
        await Assertions.Expect(page.GetByText("position 0", new() { Exact = false })).ToBeVisibleAsync();

        // Voting again in the browser is refused with a clear message.
        await page.GotoAsync($"{baseUrl}/vote/{election.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already voted");
    }
}
