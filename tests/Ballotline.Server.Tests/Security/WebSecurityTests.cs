using System.Net;
using System.Net.Http.Json;
using Ballotline.Server.Operations;

namespace Ballotline.Server.Tests.Security;

/// <summary>Headers on every response, user text that cannot become script, CSV cells that cannot become formulas, page views never rate-limited.</summary>
public sealed class WebSecurityTests
{
    [Fact]
    public async Task Every_kind_of_response_carries_a_strict_content_security_policy_and_the_other_protective_headers()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        await pilot.CreateElectionAsync(PilotDriver.Input("headers"));
        var anonymous = app.CreateClient();
        string[] routes = ["/", "/verify", "/verify?code=abcd-efgh", "/help/faq", "/support", "/account/sign-in", "/elections/headers/results", "/healthz", "/metrics",
            "/api/elections", "/api/ballots/not-a-code", "/no-such-page", "/chain/rpc", "/openapi/v1.json", "/css/site.css", "/js/vote.js"];
        foreach (var route in routes)
        {
            var response = await anonymous.GetAsync(route);
            var headers = response.Headers;
            Assert.True(headers.TryGetValues("Content-Security-Policy", out var csp), $"{route} ({(int)response.StatusCode}) has no CSP");
            var policy = csp.Single();
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task A_support_user_cannot_plant_a_script_link_in_a_help_page()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        string[] hostile = ["[Click me](javascript:alert(document.cookie))", "[x](JaVaScRiPt:alert(1))", "[y](&#106;avascript:alert(1))", "<javascript:alert(1)>",
            "![i](javascript:alert(1))", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"];
        await PilotDriver.EnsureAsync(await pilot.Admin.PutAsJsonAsync("/api/help/troubleshooting",
            new OperationsApi.HelpPageView("troubleshooting", "When things go wrong", string.Join("\n\n", hostile) + "\n\n[Ask us](mailto:support@example.org)", string.Empty)));

        var page = await app.CreateClient().GetStringAsync("/help/troubleshooting");
        var urls = System.Text.RegularExpressions.Regex.Matches(page, "(?:href|src)\\s*=\\s*\"([^\"]*)\"", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            .Select(m => new string([.. WebUtility.HtmlDecode(m.Groups[1].Value).Where(c => c > ' ')]));
        Assert.DoesNotContain(urls, u => u.Contains("script:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("<script>alert", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", page, StringComparison.OrdinalIgnoreCase); // shown as text, never as a tag
        Assert.Contains("href=\"mailto:support@example.org\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_exported_as_csv_cannot_run_as_a_spreadsheet_formula()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync("csv-injection", 1);
        var voter = await pilot.RegisterAsync(invitations.Single());
        string[] formulas = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\tTAB"];
        await PilotDriver.EnsureAsync(await voter.PutAsJsonAsync($"/api/elections/{election.Id}/feedback", new
        {
            overall = 4,
            registrationEase = 4,
            votingEase = 4,
            verificationClarity = 4,
            wouldTrust = true,
            wouldUseAgain = true,
            whatWorked = formulas[0],
            whatConfused = formulas[1],
            suggestions = formulas[2],
            technicalIssues = formulas[3],
        }));

        var csv = await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/feedback.csv");
        var cells = csv.Split('\n')[1].Split(',');
        foreach (var cell in cells[6..10])
        {
            var value = cell.Trim('"');
            Assert.False(value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal), $"cell {cell} would run as a formula");
        }

        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_the_support_page_is_never_rate_limited()
    {
        await using var app = new BallotlineApp().With("RateLimits:TicketsPerMinutePerAddress", "2");
        app.StartServer();
        var client = app.CreateClient();
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/support")).StatusCode);
        }
    }
}
