using System.Net.Http.Json;
using Ballotline.Server.Elections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests.Pages;

/// <summary>
/// The voter's whole journey in real Chromium: invitation → register → encrypt in the browser → challenge →
/// encrypt again → cast → receipt → verify. The server runs with its default: it never receives a choice.
/// </summary>
public sealed class VoterJourneyBrowserTests
{
    [Fact]
    public async Task A_voter_registers_encrypts_in_the_browser_challenges_once_casts_and_verifies_in_chromium()
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

        await page.GetByRole(AriaRole.Link, new() { Name = "Vote now", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Project name — choose 1" })).ToBeVisibleAsync();
        var posts = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posts.Add(request.PostData ?? string.Empty);
            }
        };

        // Encrypt in the browser, then challenge: the server opens the ballot and shows what it contained.
        await page.GetByLabel("Beacon").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Encrypt my ballot" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your ballot is encrypted — it is not cast yet" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#summary")).ToHaveTextAsync("Project name: Beacon");
        // The fingerprint the device computed itself is the start of the context hash the invitation announces.
        var announced = (await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/elections/browser/announcement")).GetProperty("contextHash").GetString()!;
        Assert.Equal(string.Join(' ', announced[..16].Chunk(4).Select(c => new string(c))), (await page.Locator("#fingerprint").InnerTextAsync()).Trim());
        var challengedCode = (await page.Locator("#tracking").InnerTextAsync()).Trim();
        await page.GetByRole(AriaRole.Button, new() { Name = "Challenge this ballot (check it, then vote again)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your challenged ballot contained" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Project name: Beacon")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("You have not voted yet.")).ToBeVisibleAsync();

        // Encrypt again (fresh randomness, a new tracking code) and cast.
        await page.GetByLabel("Beacon").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Encrypt my ballot" }).ClickAsync();
        var castCode = (await page.Locator("#tracking").InnerTextAsync()).Trim();
        Assert.NotEqual(challengedCode, castCode);
        // On a phone the pilot-feedback button sits in the page's flow: it covers no field (it covered this checkbox).
        var box = (await page.GetByText("Email me my tracking code when I cast").BoundingBoxAsync())!;
        var button = (await page.Locator(".feedback-button").BoundingBoxAsync())!;
        Assert.True(button.Y >= box.Y + box.Height || button.Y + button.Height <= box.Y, $"the feedback button ({button.Y}–{button.Y + button.Height}) overlaps the checkbox ({box.Y}–{box.Y + box.Height})");
        await page.GetByLabel("Email me my tracking code when I cast").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cast this ballot" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your ballot was cast" })).ToBeVisibleAsync();
        var shortCode = (await page.Locator(".tracking").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", shortCode);
        Assert.Equal(castCode, shortCode); // the receipt names the ballot the browser encrypted

        // The tracking code was mailed as asked; the stored mail is encrypted at rest (it ties the voter to the code).
        var mailed = await app.WithServiceAsync(async s =>
        {
            var db = s.GetRequiredService<Ballotline.Server.Data.BallotlineDb>();
            var mail = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.OutgoingMail, m => m.Kind == "receipt");
            Assert.True(mail.Protected);
            Assert.Equal(invitation.Email, mail.To);
            Assert.DoesNotContain(shortCode, mail.Body + mail.Subject, StringComparison.Ordinal);
            return Server.Mail.MailOutbox.Text(mail, s.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());
        });
        Assert.Contains(shortCode, mailed, StringComparison.Ordinal);

        // What left the browser: the encrypted ballot twice, its nonces once (the challenge) — never a choice.
        Assert.Equal(2, posts.Count(p => p.Contains("BallotJson=", StringComparison.Ordinal)));
        Assert.All(posts, p => Assert.DoesNotContain("choice_", p, StringComparison.Ordinal));
        Assert.Single(posts, p => p.Contains("NoncesJson=%5B", StringComparison.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.SpoiledBallots)));
        // Plain words for the least technical voter (Flesch reading ease at least 60 on the page's main text); the
        // technical detail is one click away.
        Assert.True(await ReadingEaseAsync(page) >= 60, $"the receipt reads at {await ReadingEaseAsync(page):0}");
        await page.GetByText("Technical details").ClickAsync();
        await Assertions.Expect(page.GetByText("local development chain (not a public blockchain)").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "ballotline-receipt.png"), FullPage = true });

        // Home after casting: no dead-end "Vote", but where to check; the ballot page says there is nothing more to do.
        var receiptUrl = page.Url;
        await page.GotoAsync(baseUrl + "/");
        await Assertions.Expect(page.GetByText("You have voted. Thank you!")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Vote now" }).CountAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Check that your vote was recorded" })).ToBeVisibleAsync();
        await page.GotoAsync($"{baseUrl}/vote/{election.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have already voted" })).ToBeVisibleAsync();
        await page.GotoAsync(receiptUrl);

        await page.GetByRole(AriaRole.Link, new() { Name = "Verify now" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Found.")).ToBeVisibleAsync();

        // Within a batch interval the ballot is anchored on the embedded chain and the proof checks out.
        await Eventually.HoldsAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.GetByText("Checked: your vote is in the public record, exactly as you cast it.").CountAsync() > 0;
        }, "the verification page shows the ballot verified against the chain");
        Assert.True(await ReadingEaseAsync(page) >= 60, $"the verification page reads at {await ReadingEaseAsync(page):0}");
        await page.GetByText("Technical details").ClickAsync();
        await Assertions.Expect(page.GetByText("Verified: the proof links your ballot")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("position 0", new() { Exact = false })).ToBeVisibleAsync();

        // The challenged ballot's code is published as spoiled, with what it contained.
        await page.GotoAsync($"{baseUrl}/verify?code={challengedCode}");
        await Assertions.Expect(page.GetByText("Challenged, not counted.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Project name: Beacon")).ToBeVisibleAsync();

        // Voting again in the browser is refused with a clear message and a way on.
        await page.GotoAsync($"{baseUrl}/vote/{election.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have already voted" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Encrypt my ballot" }).CountAsync());
    }

    [Fact]
    public async Task Without_javascript_the_ballot_page_says_why_and_offers_nothing_that_would_send_a_choice()
    {
        await using var app = new BallotlineApp();
        var (port, election, invitation) = await OneRegisteredVoterAsync(app, "no-script");

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await Browser.SignInAsync(page, $"http://127.0.0.1:{port}", invitation.Email);
        await page.GotoAsync($"http://127.0.0.1:{port}/vote/{election.Id}");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Voting needs JavaScript" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Encrypt my ballot" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cast this ballot" })).ToBeHiddenAsync();
        Assert.Equal(0, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.VoterRoll)));
    }

    [Fact]
    public async Task A_ballot_page_carrying_a_key_that_is_not_the_elections_own_is_refused_on_the_device_before_any_choice()
    {
        await using var app = new BallotlineApp();
        var (port, election, invitation) = await OneRegisteredVoterAsync(app, "other-key");
        var key = (await app.WithServiceAsync(s => Task.FromResult(s.GetRequiredService<Server.Voting.CastingService>())))
            .EncryptionContext(await app.WithServiceAsync(s => s.GetRequiredService<ElectionService>().GetAsync(election.Id))).PublicKey;
        const string Generator = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"; // g: a key whose secret everyone knows

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, $"http://127.0.0.1:{port}", invitation.Email);
        // The page as a server serving another key would send it: the same manifest and commitments, another key.
        await page.RouteAsync($"**/vote/{election.Id}", async route =>
        {
            var response = await route.FetchAsync();
            var html = await response.TextAsync();
            Assert.Contains(key, html, StringComparison.Ordinal);
            await route.FulfillAsync(new() { Response = response, Body = html.Replace(key, Generator, StringComparison.Ordinal) });
        });
        await page.GotoAsync($"http://127.0.0.1:{port}/vote/{election.Id}");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This page's election key does not match the election's published manifest and trustees");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Encrypt my ballot" })).ToBeHiddenAsync();
        Assert.Equal(0, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.VoterRoll)));
    }

    [Fact]
    public async Task A_voter_can_choose_encrypt_and_cast_with_the_keyboard_alone()
    {
        await using var app = new BallotlineApp();
        var (port, election, invitation) = await OneRegisteredVoterAsync(app, "keyboard");

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, $"http://127.0.0.1:{port}", invitation.Email);
        await page.GotoAsync($"http://127.0.0.1:{port}/vote/{election.Id}");

        // From the top of the page: Tab into the choices (one stop for a choose-one group), the arrow keys to the
        // candidate, Tab to each button, Enter to press it.
        await TabToAsync(page, "Aurora");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.GetByLabel("Compass").IsCheckedAsync());
        await TabToAsync(page, "Encrypt my ballot");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your ballot is encrypted — it is not cast yet" })).ToBeVisibleAsync();
        await TabToAsync(page, "Cast this ballot");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your ballot was cast" })).ToBeVisibleAsync();
        Assert.Equal(1, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.VoterRoll)));
    }

    /// <summary>An election open for voting on a real port, with one voter registered (the browser signs them in).</summary>
    private static async Task<(int Port, ElectionSummary Election, Server.PilotGroup.PilotGroupApi.InvitationView Invitation)> OneRegisteredVoterAsync(BallotlineApp app, string slug)
    {
        var port = Ports.Free();
        app.UseKestrel(port);
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input(slug));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(1)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen, ElectionState.VotingOpen);
        var invitation = (await pilot.InviteAsync(election.Id))[0];
        await pilot.RegisterAsync(invitation);
        return (port, election, invitation);
    }

    /// <summary>Presses Tab until the focused control is the one named <paramref name="name"/> (its label or its text); fails if it never is.</summary>
    private static async Task TabToAsync(IPage page, string name)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => { const e = document.activeElement; return ((e.labels && e.labels[0] ? e.labels[0].innerText : e.innerText) || '').trim(); }");
            if (focused.StartsWith(name, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"'{name}' cannot be reached with the Tab key");
    }

    /// <summary>The reading ease of the page's main text as a voter reads it: technical details, codes and forms left out.</summary>
    private static async Task<double> ReadingEaseAsync(IPage page) => Readability.FleschReadingEase(await page.EvaluateAsync<string>(
        "() => { const main = document.querySelector('main').cloneNode(true); main.querySelectorAll('details, .code, .tracking, form, .hint').forEach(e => e.remove()); return main.innerText; }"));
}
