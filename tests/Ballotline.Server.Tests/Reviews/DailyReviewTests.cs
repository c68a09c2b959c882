using System.Net.Http.Json;
using Ballotline.Server.Reviews;
using Ballotline.Server.Tests.Anchoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ballotline.Server.Tests.Reviews;

/// <summary>The plan's daily review: mailed once per election and day after the configured hour, and shown as a page.</summary>
public sealed class DailyReviewTests
{
    [Fact]
    public async Task The_daily_review_is_mailed_once_per_day_to_the_organisers_and_shown_as_a_page()
    {
        // Hour 0: every hour of the day is after it, so the sender's first pass sends today's review.
        await using var app = new BallotlineApp().With("Review:DailyHourUtc", "0").With("Review:Recipients:0", "organiser@example.org");
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var (pilot, election, _) = await AnchoringTests.CastAsync(app, "daily-review", 2);
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync("/api/issues", new { electionId = election.Id, title = "Mail arrives late", severity = "High", status = "Open" }));

        var sender = await app.WithServiceAsync(s => Task.FromResult(s.GetServices<IHostedService>().OfType<DailyReviewSender>().Single()));
        await sender.RunOnceAsync(CancellationToken.None);
        await sender.RunOnceAsync(CancellationToken.None); // a second pass (or a second instance) the same day sends nothing more
        var mails = await app.WithDbAsync(db => db.OutgoingMail.AsNoTracking().Where(m => m.Kind == "daily-review" && m.ElectionId == election.Id).ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Equal("organiser@example.org", mail.To);
        Assert.StartsWith("Daily review: ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("- Ballots cast online: 2 (total 2)", mail.Body, StringComparison.Ordinal);
        Assert.Contains("| Vote completion rate |", mail.Body, StringComparison.Ordinal);
        Assert.Contains("- 2 High (1): Mail arrives late (Open, Must fix)", mail.Body, StringComparison.Ordinal);

        var markdown = await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/report/daily");
        Assert.Contains("## Open issues by severity", markdown, StringComparison.Ordinal);

        // The page, as an organiser opens it from the election's administration page.
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, $"http://127.0.0.1:{port}", "admin@example.org");
        await page.GotoAsync($"http://127.0.0.1:{port}/admin/elections/{election.Id}");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Daily review" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Daily review: ");
        await Microsoft.Playwright.Assertions.Expect(page.GetByText("Mail arrives late")).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/elections/{election.Id}/report/daily")).StatusCode);
    }
}
