using System.Net.Http.Json;
using Ballotline.Server.Observability;
using Ballotline.Server.Tests.Anchoring;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests.Observability;

public sealed class DashboardTests
{
    [Fact]
    public async Task The_dashboard_reports_votes_funnel_chain_figures_and_alerts()
    {
        await using var app = new BallotlineApp();
        var (pilot, _, receipts) = await AnchoringTests.CastAsync(app, "dashboard", 2, groupSize: 4);
        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, receipts[^1].TrackingCode)).Stage == "final", "the ballots are final");
        await AnchoringTests.VerifyAsync(app, receipts[0].TrackingCode);

        var snapshot = await pilot.Admin.GetFromJsonAsync<DashboardSnapshot>("/api/admin/dashboard");
        Assert.Equal(2, snapshot!.VotesPerHour.Sum(h => h.Votes));
        Assert.Equal(24, snapshot.VotesPerHour.Count);
        Assert.Equal([4, 2, 2, 2, 2, 1, 0], snapshot.Funnel.Select(f => f.Count)); // the two voters' devices opened the ballot, cast, one verified; none gave feedback
        Assert.Equal(1.0, snapshot.TransactionSuccessRate);
        Assert.NotNull(snapshot.AverageTransactionSeconds);
        Assert.InRange(snapshot.GasPerBallot!.Value, 1, 30_000);
        Assert.NotNull(snapshot.LatencyP95Milliseconds);
        Assert.True(snapshot.ChainConnected);
        Assert.Empty(snapshot.FiringAlerts);
        var alerts = await pilot.Admin.GetFromJsonAsync<List<DashboardApi.AlertView>>("/api/admin/alerts");
        Assert.Equal(Server.Observability.Alerts.AlertRules.For(new Server.Observability.Alerts.AlertOptions()).Select(r => r.Name), alerts!.Select(a => a.Name));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/admin/dashboard")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_page_updates_itself_in_chromium()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        await AnchoringTests.CastAsync(app, "live", 1, groupSize: 2);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, $"http://127.0.0.1:{port}", "admin@example.org");
        await page.GotoAsync($"http://127.0.0.1:{port}/admin/dashboard");
        await Assertions.Expect(page.GetByText("No alert is firing.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#funnel tr")).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("#votes .bar-v")).ToHaveCountAsync(24);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test alert to on-call" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No on-call addresses are configured")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_dashboard_shows_the_chosen_election_by_name_tallied_ones_included_and_fits_a_phone()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var (pilot, first, _) = await AnchoringTests.CastAsync(app, "first-pilot", 3);
        await pilot.MoveAsync(first.Id, Server.Elections.ElectionState.Closed); // closes and tallies with the organiser's passphrase
        var (_, second, _) = await AnchoringTests.CastAsync(app, "second-pilot", 1, signedIn: pilot);

        // The latest by default; the tallied one when asked, with its own figures rather than zeros.
        var latest = (await pilot.Admin.GetFromJsonAsync<DashboardSnapshot>("/api/admin/dashboard"))!;
        Assert.Equal(second.Id, latest.Election!.Id);
        Assert.Equal(1, latest.VotesPerHour.Sum(h => h.Votes));
        Assert.Equal([second.Id, first.Id], latest.Elections.Select(e => e.Id));
        var tallied = (await pilot.Admin.GetFromJsonAsync<DashboardSnapshot>($"/api/admin/dashboard?electionId={first.Id}"))!;
        Assert.Equal("Tallied", tallied.Election!.State);
        Assert.Equal(3, tallied.VotesPerHour.Sum(h => h.Votes));
        Assert.Equal(3, tallied.Funnel.Single(f => f.Step == "cast").Count);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await pilot.Admin.GetAsync($"/api/admin/dashboard?electionId={Guid.NewGuid()}")).StatusCode);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        await Browser.SignInAsync(page, $"http://127.0.0.1:{port}", "admin@example.org");
        await page.GotoAsync($"http://127.0.0.1:{port}/admin/dashboard");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(second.Title);
        await page.Locator("#dashboard-election").SelectOptionAsync(first.Id.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync($"{first.Title} (Tallied)");
        await Assertions.Expect(page.Locator("#funnel tr")).ToHaveCountAsync(7);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the dashboard is {overflow} px wider than a 390 px phone");
    }
}
