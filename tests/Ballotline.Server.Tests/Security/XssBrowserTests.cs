using System.Net.Http.Json;
using System.Text;
using Ballotline.Server.Elections;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests.Security;

/// <summary>
/// Stored cross-site scripting, tried in a real Chromium: every text a user can write — the election's title,
/// description, contests and candidates, voters' names and places, a pause reason, a support ticket, feedback,
/// lessons learned, an issue — carries a corpus of hostile strings, and every page that shows one is loaded by a
/// visitor, a voter and an administrator. The test does not rely on the Content-Security-Policy (which would
/// block an injected script anyway): it inspects the DOM each page produced for any element or attribute the
/// payloads could have created, and fails on any dialog the page opens.
/// </summary>
public sealed class XssBrowserTests
{
    // Each payload, if rendered unescaped, creates a script, an event handler, a javascript: URL or a frame.
    private static readonly string[] Corpus =
    [
        "<script>window.__xss=1</script>",
        "\"><img src=x onerror=\"window.__xss=1\">",
        "'><svg onload=window.__xss=1>",
        "</textarea><script>window.__xss=1</script>",
        "</title><script>window.__xss=1</script>",
        "<a href=\"javascript:window.__xss=1\">link</a>",
        "[md link](javascript:window.__xss=1)",
        "<iframe src=\"javascript:window.__xss=1\"></iframe>",
        "{{constructor.constructor('window.__xss=1')()}}",
        "<details open ontoggle=window.__xss=1>",
    ];

    private static string Hostile(int i) => Corpus[i % Corpus.Length] + " " + Corpus[(i + 1) % Corpus.Length];

    [Fact]
    public async Task No_text_a_user_can_write_becomes_markup_on_any_page()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var baseUrl = $"http://127.0.0.1:{port}";
        var pilot = await PilotDriver.StartAsync(app);

        var input = PilotDriver.Input("xss") with
        {
            Title = Trim(Hostile(0), 200),
            Description = string.Join("\n", Corpus),
            Contests = [new ContestSpec("project-name", Trim(Hostile(2), 200), [new("aurora", Trim(Hostile(3), 200)), new("beacon", Trim(Hostile(4), 200)), new("compass", Trim(Hostile(5), 200))], 1, 1)],
            SupportHours = Trim(Hostile(6), 200),
        };
        var election = await pilot.CreateElectionAsync(input);
        var csv = new StringBuilder("name,email,group,age_band,location\n");
        for (var i = 0; i < 3; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"\"{Trim(Hostile(i + 7), 200).Replace("\"", "\"\"", StringComparison.Ordinal)}\",voter{i}@xss.example,average,60+,\"{Trim(Corpus[i], 100).Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
        }

        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, csv.ToString()));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        await pilot.OpenVotingAsync(election.Id);
        var invitations = await pilot.InviteAsync(election.Id);
        var voter = await pilot.RegisterAsync(invitations[0]);
        await pilot.RegisterAsync(invitations[1]);
        var cast = await PilotDriver.CastAsync(voter, election.Id, "beacon");
        await PilotDriver.EnsureAsync(cast);
        var receipt = (await cast.Content.ReadFromJsonAsync<Server.Voting.Receipt>())!;
        await PilotDriver.EnsureAsync(await voter.PutAsJsonAsync($"/api/elections/{election.Id}/feedback", new
        {
            overall = 2,
            registrationEase = 3,
            votingEase = 3,
            verificationClarity = 3,
            wouldTrust = true,
            wouldUseAgain = false,
            whatWorked = Hostile(1),
            whatConfused = Hostile(2),
            suggestions = Hostile(3),
            technicalIssues = Hostile(4),
        }));
        await PilotDriver.EnsureAsync(await app.CreateClient().PostAsJsonAsync("/api/support/tickets", new { email = "voter1@xss.example", subject = Trim(Hostile(5), 200), body = string.Join("\n", Corpus), electionId = election.Id }));
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync("/api/issues", new { electionId = election.Id, title = Trim(Hostile(6), 200), description = string.Join("\n", Corpus), severity = "High", status = "Open", source = "test" }));
        await PilotDriver.EnsureAsync(await pilot.Admin.PutAsJsonAsync($"/api/elections/{election.Id}/lessons", new
        {
            wentWell = Hostile(7),
            didNotGoWell = Hostile(8),
            surprises = Hostile(9),
            doDifferently = Hostile(0),
            keyTakeaways = string.Join("\n", Corpus),
        }));
        await PilotDriver.EnsureAsync(await pilot.TransitionAsync(election.Id, ElectionState.Paused, Trim(Hostile(1), 500)));

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var failures = new List<string>();
        async Task CheckAsync(IPage page, string path)
        {
            await page.GotoAsync(baseUrl + path);
            var found = await page.EvaluateAsync<string[]>("""
                () => {
                  const bad = [];
                  if (window.__xss) bad.push('a payload ran');
                  document.querySelectorAll('script:not([src]), iframe, object, embed').forEach(e => bad.push('<' + e.tagName.toLowerCase() + '> element'));
                  document.querySelectorAll('*').forEach(e => { for (const a of e.attributes) {
                    if (/^on/i.test(a.name)) bad.push(e.tagName.toLowerCase() + ' has ' + a.name);
                    if (/^\s*javascript:/i.test(a.value)) bad.push(e.tagName.toLowerCase() + ' ' + a.name + '=' + a.value);
                  } });
                  if (document.querySelector('details[ontoggle]')) bad.push('details ontoggle');
                  return bad;
                }
                """);
            failures.AddRange(found.Select(f => $"{path}: {f}"));
        }

        var visitor = await browser.NewPageAsync();
        visitor.Dialog += (_, d) => failures.Add($"a dialog opened: {d.Message}");
        foreach (var path in new[] { "/", "/verify", $"/verify?code={receipt.TrackingCode}", $"/receipt/{receipt.TrackingCode}", "/support", "/help/faq" })
        {
            await CheckAsync(visitor, path);
        }

        var second = await browser.NewPageAsync();
        second.Dialog += (_, d) => failures.Add($"a dialog opened: {d.Message}");
        await Browser.SignInAsync(second, baseUrl, invitations[1].Email);
        foreach (var path in new[] { "/", $"/vote/{election.Id}", $"/feedback/{election.Id}" })
        {
            await CheckAsync(second, path);
        }

        var admin = await browser.NewPageAsync();
        admin.Dialog += (_, d) => failures.Add($"a dialog opened: {d.Message}");
        await Browser.SignInAsync(admin, baseUrl, "admin@example.org");
        foreach (var path in new[]
        {
            "/admin", $"/admin/elections/{election.Id}", $"/admin/elections/edit/{election.Id}", $"/admin/elections/{election.Id}/group", "/admin/mailbox", "/admin/dashboard",
            "/support/queue", "/support/issues", $"/admin/elections/{election.Id}/lessons", $"/admin/elections/{election.Id}/checklist",
            $"/admin/elections/{election.Id}/decision", $"/admin/elections/{election.Id}/trustees",
            $"/api/elections/{election.Id}/report/phase2.html",
        })
        {
            await CheckAsync(admin, path);
        }

        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        await CheckAsync(visitor, "/elections/xss/results");
        await CheckAsync(admin, $"/admin/elections/{election.Id}");

        Assert.True(failures.Count == 0, "User text became markup:\n" + string.Join("\n", failures.Distinct()));
    }

    private static string Trim(string text, int length) => text.Length <= length ? text : text[..length];
}
