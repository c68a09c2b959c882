using System.Globalization;
using System.Net.Http.Json;
using Ballotline.Server.Elections;

namespace Ballotline.Server.Tests.Pages;

/// <summary>Times on the pages are the reader's own, with UTC beside them; without script the UTC time stays.</summary>
public sealed class LocalTimeBrowserTests
{
    [Fact]
    public async Task A_voter_in_new_york_reads_the_closing_time_in_new_york_time_with_utc_beside_it()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync("local-time", 1);
        await pilot.OpenVotingAsync(election.Id);
        await pilot.RegisterAsync(invitations[0]);
        var closes = (await pilot.Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{election.Id}"))!.VotingClosesAt;

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new() { TimezoneId = "America/New_York", Locale = "en-US" });
        var page = await context.NewPageAsync();
        await Browser.SignInAsync(page, $"http://127.0.0.1:{port}", invitations[0].Email);
        await page.GotoAsync($"http://127.0.0.1:{port}/");

        var shown = (await page.Locator(".my-elections time").First.InnerTextAsync()).Trim();
        var newYork = TimeZoneInfo.ConvertTime(closes, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Contains(newYork.ToString("MMMM d", CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
        Assert.Contains(newYork.ToString("h:mm", CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
        Assert.EndsWith(closes.ToUniversalTime().ToString("hh:mm tt", CultureInfo.InvariantCulture) + " UTC)", shown, StringComparison.Ordinal);
    }
}
