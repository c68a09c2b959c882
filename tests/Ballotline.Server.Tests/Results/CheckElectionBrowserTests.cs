using Ballotline.Server.Elections;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests.Results;

/// <summary>
/// "Check this election yourself" on the results page, in a real Chromium: the JavaScript verifier runs in a Web
/// Worker over the published record, reads the embedded chain through /chain/rpc, checks the record against the
/// announcement, and says VERIFIED only when every check passed. A record forged in transit (its result edited,
/// every file re-hashed) is NOT VERIFIED, with the failing check shown.
/// </summary>
public sealed class CheckElectionBrowserTests
{
    [Fact]
    public async Task A_visitors_browser_verifies_the_published_record_against_the_chain_and_refuses_a_forged_one()
    {
        await using var app = new BallotlineApp().With("Chain:BatchSeconds", "0.2");
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var baseUrl = $"http://127.0.0.1:{port}";
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync("browser-check", 3);
        await pilot.OpenVotingAsync(election.Id);
        string[] choices = ["aurora", "beacon", "beacon"];
        for (var i = 0; i < choices.Length; i++)
        {
            var voter = await pilot.RegisterAsync(invitations[i]);
            if (i == 0)
            {
                await PilotDriver.EnsureAsync(await PilotDriver.ChallengeOnDeviceAsync(voter, election.Id, "compass"));
            }

            await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(voter, election.Id, choices[i]));
        }

        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        await Eventually.HoldsAsync(async () => await app.WithDbAsync(db => Task.FromResult(db.Anchors.Any(a => a.Kind == Server.Anchoring.AnchorKind.Close && a.Status == Server.Anchoring.AnchorStatus.Final))),
            "the close is final on the chain");

        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var page = await browser.NewPageAsync();
                var errors = new List<string>();
                page.Console += (_, message) =>
                {
                    if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                    {
                        errors.Add(message.Text);
                    }
                };

                var genuine = await CheckAsync(page, baseUrl);
                Assert.StartsWith("VERIFIED:", genuine.Verdict, StringComparison.Ordinal);
                Assert.All(genuine.Items, item => Assert.StartsWith("Passed:", item, StringComparison.Ordinal));
                Assert.Contains(genuine.Items, item => item.Contains("(chain.anchors)", StringComparison.Ordinal));
                Assert.Contains(genuine.Items, item => item.Contains("(chain.contract)", StringComparison.Ordinal));
                Assert.Empty(errors); // the Content-Security-Policy let the page start the worker and the worker reach /chain/rpc

                // The same page, the record replaced in transit by a forgery: one count raised, every file re-hashed.
                var record = await app.CreateClient().GetByteArrayAsync("/api/elections/browser-check/record.zip");
                var forged = ElectionRecordVerifierTests.Tamper(record, "result.json", t => t.Replace("\"votes\": 2", "\"votes\": 3", StringComparison.Ordinal));
                await page.Context.RouteAsync("**/record.zip", route => route.FulfillAsync(new() { BodyBytes = forged, ContentType = "application/zip" }));
                var forgedCheck = await CheckAsync(page, baseUrl);
                Assert.StartsWith("NOT VERIFIED", forgedCheck.Verdict, StringComparison.Ordinal);
                Assert.Contains(forgedCheck.Items, item => item.StartsWith("FAILED:", StringComparison.Ordinal) && item.Contains("(result)", StringComparison.Ordinal));
                Assert.Contains(forgedCheck.Items, item => item.StartsWith("FAILED:", StringComparison.Ordinal) && item.Contains("(chain.anchors)", StringComparison.Ordinal));
            }
        }
    }

    private static async Task<(string Verdict, IReadOnlyList<string> Items)> CheckAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync($"{baseUrl}/elections/browser-check/results");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check this election" }).ClickAsync();
        var verdict = page.Locator("#check-verdict");
        try
        {
            await verdict.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No verdict after 60 s; the page says: {await page.Locator("#check-status").InnerTextAsync()}");
        }

        var items = await page.Locator("#check-results li").AllInnerTextsAsync();
        return (await verdict.InnerTextAsync(), [.. items.Select(i => i.Replace("\n", " ", StringComparison.Ordinal))]);
    }
}
