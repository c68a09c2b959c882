using Ballotline.Server.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests.Pages;

/// <summary>The administrator's journey in real Chromium, from the one-time setup link to published results.</summary>
public sealed class AdministratorJourneyBrowserTests
{
    [Fact]
    public async Task An_administrator_sets_up_runs_and_closes_an_election_in_chromium()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var baseUrl = $"http://127.0.0.1:{port}";
        var token = (await app.WithServiceAsync(s => s.GetRequiredService<SetupService>().IssueTokenAsync()))!;

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{baseUrl}/setup?token={token}");
        await page.GetByLabel("Your name").FillAsync("Ada Admin");
        await page.GetByLabel("Email").FillAsync("ada@example.org");
        await page.GetByLabel("Password").FillAsync(PilotDriver.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administration" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Create an election" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Office name pilot");
        await page.GetByLabel("Short name").FillAsync("office-pilot");
        await page.Locator("#Form_Ballot").FillAsync("# New office name (choose 1)\nHarbour\nLighthouse\n");
        await page.GetByLabel("Support email").FillAsync("help@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Office name pilot" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Harbour, Lighthouse")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Pilot group" }).ClickAsync();
        var csv = Path.Combine(Path.GetTempPath(), $"group-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, PilotDriver.GroupCsv(10));
        await page.GetByLabel("CSV file").SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Imported 10 voters.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("The group has 10 people")).ToBeVisibleAsync();

        await File.WriteAllTextAsync(csv, "name,email,group,age_band\nBad,bad-email,average,18-29\n");
        await page.GetByLabel("CSV file").SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Line 2: email 'bad-email' is not a valid address");

        await page.GetByRole(AriaRole.Link, new() { Name = "← Back to the election" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open registration" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("sealed under a passphrase only you will know");
        await page.GetByLabel("Election key passphrase").FillAsync(PilotDriver.KeyPassphrase);
        await page.GetByLabel("The same passphrase again").FillAsync(PilotDriver.KeyPassphrase + " typo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open registration" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The two key passphrases differ");
        await page.GetByLabel("Election key passphrase").FillAsync(PilotDriver.KeyPassphrase);
        await page.GetByLabel("The same passphrase again").FillAsync(PilotDriver.KeyPassphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open registration" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The election is now: Registration open.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Recording on Ballotline's local development chain (not a public blockchain)")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Pilot group" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Issue invitation links" }).ClickAsync());
        var links = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal(11, links.Trim().Split('\n').Length);
        Assert.Contains($"{baseUrl}/register/", links, StringComparison.Ordinal);

        await page.GotoAsync($"{baseUrl}/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Office name pilot" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open voting now" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause voting" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Give a reason for pausing");
        await page.GetByLabel("Reason").FillAsync("Checking the chain connection");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause voting" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Paused — Checking the chain connection")).ToBeVisibleAsync();
        await page.GetByLabel("Election key passphrase").FillAsync(PilotDriver.KeyPassphrase);
        // Closing is final: without the confirmation nothing happens, and the page says what to do.
        await page.GetByRole(AriaRole.Button, new() { Name = "Close voting and tally" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Closing voting is final" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Paused — Checking the chain connection")).ToBeVisibleAsync();
        await page.GetByLabel("Election key passphrase").FillAsync(PilotDriver.KeyPassphrase);
        await page.GetByLabel("I understand that closing voting is final").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close voting and tally" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The election is now: Tallied.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "state-changed Paused → Closed" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Results" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Results: Office name pilot" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("0 ballots cast by a pilot group of 10")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_administrator_appoints_trustees_and_follows_the_key_ceremony_in_chromium()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("ceremony-page"));
        var baseUrl = $"http://127.0.0.1:{port}";

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, baseUrl, "admin@example.org");

        await page.GotoAsync($"{baseUrl}/admin/elections/{election.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Trustees (1 of 1)" }).ClickAsync();
        await Assertions.Expect(page.GetByText("One trustee: the server makes and keeps the election key")).ToBeVisibleAsync();
        await page.GetByLabel("Trustees, one name per line").FillAsync("Ada\nBen\nCleo");
        await page.GetByLabel("Needed to decrypt (k)").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Appoint" }).ClickAsync();
        await Assertions.Expect(page.GetByText("3 trustees appointed; 2 are needed to decrypt.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Send each trustee their token — shown only now" })).ToBeVisibleAsync();
        var token = (await page.GetByRole(AriaRole.Table, new() { Name = "Trustee tokens" }).GetByRole(AriaRole.Row).Nth(1).Locator("code").InnerTextAsync()).Trim();

        // Ada runs her first step on her own machine; the page shows it, and the tokens are not shown again.
        var key = new FileInfo(Path.Combine(app.DataDirectory, "ada.key"));
        await new Ballotline.TrusteeTool.TrusteeClient(TextWriter.Null).KeygenAsync(new Uri(baseUrl), token, key, CancellationToken.None);
        await page.ReloadAsync();
        var ada = page.GetByRole(AriaRole.Table, new() { Name = "Key ceremony and tally decryption" }).GetByRole(AriaRole.Row).Nth(1);
        await Assertions.Expect(ada).ToContainTextAsync("Ada");
        await Assertions.Expect(ada.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("yes");
        await Assertions.Expect(ada.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("waiting");
        await Assertions.Expect(page.GetByText(token)).ToHaveCountAsync(0);

        // Registration waits for the ceremony, and says for whom.
        await page.GotoAsync($"{baseUrl}/admin/elections/{election.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open registration" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("waiting for trustee(s) 1 (Ada), 2 (Ben), 3 (Cleo)");
    }
}
