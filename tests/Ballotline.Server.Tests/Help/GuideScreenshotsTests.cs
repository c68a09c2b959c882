using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Ballotline.Server.Elections;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests.Help;

/// <summary>
/// The voter guide and the support staff guide (docs/guides) walked in Chromium: every control a guide names in
/// bold is on the product's pages, every screenshot it shows exists, and the guides are served under Help with
/// their pictures. With BALLOTLINE_UPDATE_GUIDES=1 the walk writes the screenshots into docs/guides/images
/// (scripts/update-guides.sh), so the pictures follow the product.
/// </summary>
public sealed partial class GuideScreenshotsTests
{
    private static string GuidesDirectory => Path.Combine(RepositoryPaths.Root, "docs", "guides");

    private static string ImagesDirectory => Environment.GetEnvironmentVariable("BALLOTLINE_UPDATE_GUIDES") == "1"
        ? Path.Combine(GuidesDirectory, "images")
        : Directory.CreateTempSubdirectory("ballotline-guides-").FullName;

    [Fact]
    public async Task The_guides_name_only_controls_that_exist_show_screenshots_of_the_real_pages_and_are_served_in_help()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        var pilot = await PilotDriver.StartAsync(app);
        var baseUrl = $"http://127.0.0.1:{port}";
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("guide") with { Title = "Town council pilot" });
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(3)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen, ElectionState.VotingOpen);
        var invitations = await pilot.InviteAsync(election.Id);
        var images = ImagesDirectory;
        var seen = new StringBuilder();

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        async Task ShootAsync(IPage page, string name)
        {
            seen.Append(await page.EvaluateAsync<string>("() => document.body.innerText")).Append('\n');
            await page.Locator("main").ScreenshotAsync(new() { Path = Path.Combine(images, name + ".png") });
        }

        // The voter, on a phone.
        var voter = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        await voter.GotoAsync($"{baseUrl}/register/{PilotDriver.TokenOf(invitations[0])}");
        await ShootAsync(voter, "voter-1-register");
        await voter.GetByLabel("I understand this is a TEST election").CheckAsync();
        await voter.GetByLabel("Choose a password").FillAsync(PilotDriver.Password);
        await voter.GetByLabel("Type the password again").FillAsync(PilotDriver.Password);
        await voter.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        seen.Append(await voter.EvaluateAsync<string>("() => document.body.innerText"));
        await voter.GetByRole(AriaRole.Link, new() { Name = "Vote now" }).ClickAsync();
        await voter.GetByLabel("Compass").CheckAsync();
        await ShootAsync(voter, "voter-2-ballot");
        await voter.GetByRole(AriaRole.Button, new() { Name = "Encrypt my ballot" }).ClickAsync();
        await Assertions.Expect(voter.GetByRole(AriaRole.Button, new() { Name = "Cast this ballot" })).ToBeVisibleAsync();
        await ShootAsync(voter, "voter-3-encrypted");
        await voter.GetByRole(AriaRole.Button, new() { Name = "Cast this ballot" }).ClickAsync();
        await Assertions.Expect(voter.GetByRole(AriaRole.Heading, new() { Name = "Your ballot was cast" })).ToBeVisibleAsync();
        await ShootAsync(voter, "voter-4-receipt");
        await voter.GetByRole(AriaRole.Link, new() { Name = "Verify now" }).ClickAsync();
        await Eventually.HoldsAsync(async () =>
        {
            await voter.ReloadAsync();
            return await voter.GetByText("Checked: your vote is in the public record, exactly as you cast it.").CountAsync() > 0;
        }, "the ballot is checked against the chain");
        await ShootAsync(voter, "voter-5-verify");
        await voter.GotoAsync(baseUrl + "/");
        await ShootAsync(voter, "voter-6-home");
        await voter.GotoAsync(baseUrl + "/account/sign-in");
        seen.Append(await voter.EvaluateAsync<string>("() => document.body.innerText"));

        // Support staff, on a computer.
        await PilotDriver.EnsureAsync(await app.CreateClient().PostAsJsonAsync("/api/support/tickets",
            new Support.TicketInput(invitations[1].Email, "I lost my invitation", "I deleted the email by mistake. Can I still vote?", election.Id)));
        var staff = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await Browser.SignInAsync(staff, baseUrl, "admin@example.org");
        await staff.GotoAsync($"{baseUrl}/support/queue");
        await ShootAsync(staff, "support-1-queue");
        await staff.GetByLabel("Voter's email address").FillAsync(invitations[1].Email);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Send a new link" }).ClickAsync();
        await Assertions.Expect(staff.GetByText($"Sent to {invitations[1].Email}")).ToBeVisibleAsync();
        await ShootAsync(staff, "support-2-new-link");

        var shown = Whitespace().Replace(seen.ToString(), " ");
        foreach (var guide in new[] { "voter-guide.md", "support-guide.md" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(GuidesDirectory, guide));
            foreach (var control in Bold().Matches(text).Select(m => m.Groups[1].Value))
            {
                Assert.True(shown.Contains(Whitespace().Replace(control, " "), StringComparison.Ordinal), $"{guide} names **{control}**, which no page of the walk shows");
            }

            foreach (var image in Image().Matches(text).Select(m => m.Groups[1].Value))
            {
                Assert.True(File.Exists(Path.Combine(images, image)), $"{guide} shows images/{image}, which the walk did not capture");
                Assert.True(File.Exists(Path.Combine(GuidesDirectory, "images", image)), $"{guide} shows images/{image}, which is not committed: run scripts/update-guides.sh");
            }

            // Served under Help, each picture loading.
            var name = guide.Replace("-guide.md", string.Empty, StringComparison.Ordinal);
            await voter.GotoAsync($"{baseUrl}/help/guides/{name}");
            var sources = await voter.Locator("article img").EvaluateAllAsync<string[]>("imgs => imgs.map(i => i.getAttribute('src'))");
            Assert.Equal(Image().Count(text), sources.Length);
            foreach (var src in sources)
            {
                var response = await app.CreateClient().GetAsync(src);
                Assert.True(response.IsSuccessStatusCode, $"{src} answered {(int)response.StatusCode}");
                Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"!\[[^\]]*\]\(images/([a-z0-9-]+\.png)\)")]
    private static partial Regex Image();
}
