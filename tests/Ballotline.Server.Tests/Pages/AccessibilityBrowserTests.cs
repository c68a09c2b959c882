using System.Text.Json;
using Ballotline.Server.Elections;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests.Pages;

/// <summary>
/// Every page a voter, an administrator or support staff sees, at a desktop and a phone width, checked in Chromium
/// with axe-core against WCAG 2.1 A and AA and axe's best practices (npm axe-core, installed by ./test.sh; injected
/// from disk, no network). The target is WCAG 2.1 AA: serious and critical findings fail, and moderate ones unless
/// justified in <see cref="JustifiedModerate"/>.
/// </summary>
public sealed class AccessibilityBrowserTests
{
    private static string AxeScript
    {
        get
        {
            var path = Path.Combine(RepositoryPaths.Root, "tests", "services", "node_modules", "axe-core", "axe.min.js");
            return File.Exists(path) ? path : throw new InvalidOperationException($"axe-core is not at {path}: run ./test.sh (npm ci in tests/services).");
        }
    }

    /// <summary>
    /// Moderate findings accepted, each with its reason (tests/README.md, "Accessibility"). Serious and critical
    /// findings are never accepted; minor ones are reported by axe as advice and do not fail.
    /// </summary>
    private static readonly Dictionary<string, string> JustifiedModerate = new(StringComparer.Ordinal);

    private static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, not added as an inline <script>: the pages' Content-Security-Policy
        // (no inline script) stays in force for the pages themselves while axe-core inspects them.
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxeScript));
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })).violations" +
            ".map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) }))");
        return [.. result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical"
                || (v.GetProperty("impact").GetString() == "moderate" && !JustifiedModerate.ContainsKey(v.GetProperty("id").GetString()!)))
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")];
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Voter_and_administrator_pages_have_no_wcag_2_1_aa_violations(int width, int height)
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var baseUrl = $"http://127.0.0.1:{port}";
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("a11y"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(3)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen, ElectionState.VotingOpen);
        var invitations = await pilot.InviteAsync(election.Id);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var viewport = new BrowserNewPageOptions { ViewportSize = new() { Width = width, Height = height } };
        var failures = new List<string>();
        async Task CheckAsync(IPage page, string path)
        {
            // A server error page can be perfectly accessible: count it as a failure of its own.
            var response = await page.GotoAsync(baseUrl + path);
            if (response is null || response.Status >= 500)
            {
                failures.Add($"{path}: HTTP {response?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no response"}");
            }

            failures.AddRange((await ViolationsAsync(page)).Select(v => $"{path}: {v}"));
        }

        var visitor = await browser.NewPageAsync(viewport);
        await CheckAsync(visitor, "/");
        await CheckAsync(visitor, "/account/sign-in");
        await CheckAsync(visitor, "/verify");
        await CheckAsync(visitor, "/help");
        await CheckAsync(visitor, "/no-such-page");
        await CheckAsync(visitor, $"/register/{PilotDriver.TokenOf(invitations[0])}");

        // A voter registers, votes, and looks at the receipt and the verification page.
        await visitor.GetByLabel("I understand this is a TEST election").CheckAsync();
        await visitor.GetByLabel("Choose a password").FillAsync(PilotDriver.Password);
        await visitor.GetByLabel("Type the password again").FillAsync(PilotDriver.Password);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        failures.AddRange((await ViolationsAsync(visitor)).Select(v => $"registered: {v}"));
        await CheckAsync(visitor, $"/vote/{election.Id}");
        await visitor.GetByLabel("Aurora").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Encrypt my ballot" }).ClickAsync();
        failures.AddRange((await ViolationsAsync(visitor)).Select(v => $"encrypted: {v}"));
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Challenge this ballot (check it, then vote again)" }).ClickAsync();
        failures.AddRange((await ViolationsAsync(visitor)).Select(v => $"challenged: {v}"));
        await visitor.GetByLabel("Aurora").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Encrypt my ballot" }).ClickAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Cast this ballot" }).ClickAsync();
        failures.AddRange((await ViolationsAsync(visitor)).Select(v => $"receipt: {v}"));
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Verify now" }).ClickAsync();
        failures.AddRange((await ViolationsAsync(visitor)).Select(v => $"verify: {v}"));
        await CheckAsync(visitor, "/");
        await CheckAsync(visitor, $"/vote/{election.Id}");
        await CheckAsync(visitor, "/feedback");
        await CheckAsync(visitor, "/support");
        await CheckAsync(visitor, "/help/escalation");

        // The administrator's and support staff's pages.
        var admin = await browser.NewPageAsync(viewport);
        await Browser.SignInAsync(admin, baseUrl, "admin@example.org");
        foreach (var path in new[] { "/admin", "/admin/elections/edit", $"/admin/elections/{election.Id}", $"/admin/elections/{election.Id}/group", "/admin/mailbox", "/admin/dashboard", "/admin/staff", "/support/queue", "/support/issues", "/admin/mail-templates/invitation", $"/admin/elections/{election.Id}/lessons", $"/admin/elections/{election.Id}/checklist", $"/admin/elections/{election.Id}/decision", $"/admin/elections/{election.Id}/trustees", $"/admin/elections/{election.Id}/daily-review", $"/admin/elections/{election.Id}/interviews" })
        {
            await CheckAsync(admin, path);
        }

        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        await CheckAsync(admin, "/elections/a11y/results");
        await CheckAsync(await browser.NewPageAsync(viewport), "/setup?token=used-or-wrong");

        Assert.True(failures.Count == 0, $"Accessibility violations at {width} px:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task The_accessibility_check_reports_a_known_violation()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<html lang=\"en\"><head><title>t</title></head><body><main><img src=\"x.png\"><input type=\"text\"></main></body></html>");
        var violations = await ViolationsAsync(page);
        Assert.Contains(violations, v => v.StartsWith("image-alt", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("label", StringComparison.Ordinal));
    }
}
