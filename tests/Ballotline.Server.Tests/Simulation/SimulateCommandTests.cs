using System.Text.RegularExpressions;
using Ballotline.Testing;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Simulation;

/// <summary><c>ballotline simulate</c> run as a process: a whole pilot rehearsed through the HTTP API.</summary>
public sealed partial class SimulateCommandTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    [Fact]
    public async Task Two_hundred_voters_on_anvil_with_a_chain_outage_in_the_middle_pass_the_simulations_own_checks()
    {
        var output = Path.Combine(Path.GetTempPath(), "ballotline-tests", Guid.NewGuid().ToString("N"), "reports");
        var key = await LedgerTestAccounts.FundedKeyAsync(anvil);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["BALLOTLINE_AUTHORITY_KEY"] = key },
            "simulate", "--voters", "200", "--seed", "11", "--rpc", anvil.RpcUrl, "--chain-outage", "6",
            "--time-scale", "0.002", "--concurrency", "24", "--output", output);

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("Chain outage begins (6 s)", stdout, StringComparison.Ordinal);
        Assert.Contains("PASS  The published tally equals the intended votes", stdout, StringComparison.Ordinal);
        Assert.Contains("PASS  Every receipt verifies against the root on the chain", stdout, StringComparison.Ordinal);
        Assert.Contains("PASS  Every voter who meant to cast was given a receipt", stdout, StringComparison.Ordinal);
        Assert.Contains("PASS  Every challenged ballot opened to what its voter chose", stdout, StringComparison.Ordinal);
        Assert.Contains("PASS  The published election record verifies independently: 15 checks passed", stdout, StringComparison.Ordinal); // chain.anchors read from Anvil, checked against the announcement
        // The decision's figures against the rehearsal's own ledger, transaction success and support times included.
        Assert.Matches(@"PASS  Every decision figure equals the rehearsal's own count: .*transaction success \d+\.\d%[^;]*, below 100% after the injected outage", stdout);
        Assert.Matches(@"support resolution \d+\.\d\d h \(the rehearsal timed \d+ tickets", stdout);
        Assert.Contains("PASS  Every count in the metrics report equals the rehearsal's own: 200 in the group", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", stdout, StringComparison.Ordinal);
        Assert.Matches(@"Rehearsed 200 voters in \d+ s \(\d+ voters per minute\)\. Verdict: (GO|NO-GO)\.", stdout);

        // The outage really cut the server off its node: calls failed, and the ballots were anchored afterwards.
        var phase2 = await File.ReadAllTextAsync(Path.Combine(output, "phase2_report.md"));
        var failedCalls = int.Parse(InjectedFailures().Match(phase2).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(failedCalls > 0, "the outage should have failed some chain calls");
        Assert.Contains("## 8. Phase 3 readiness", phase2, StringComparison.Ordinal);
        Assert.Contains("- Pilot group: 200 voters", phase2, StringComparison.Ordinal);

        var html = await File.ReadAllTextAsync(Path.Combine(output, "phase2_report.html"));
        Assert.Equal(7, Regex.Count(html, "<img src=\"data:image/png;base64,"));
        var metrics = await File.ReadAllTextAsync(Path.Combine(output, "pilot_election_metrics.md"));
        // The outage's failed calls count against transaction success: a figure that could not fail would read 100% here.
        var passes = Regex.Match(metrics, @"passes that could not reach the chain: (\d+)\)");
        Assert.True(passes.Success && int.Parse(passes.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, metrics);
        Assert.DoesNotContain("- Blockchain success rate: 100.0%", metrics, StringComparison.Ordinal);
        // The server never stopped: uptime over the time voting was open reads full (it read 89.7% once).
        var uptime = Regex.Match(metrics, @"- System uptime: ([0-9.]+)%");
        Assert.True(uptime.Success && double.Parse(uptime.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 99, metrics);
    }

    [Fact]
    public async Task Sixty_voters_with_thirty_percent_of_chain_calls_failing_finish_with_every_check_passing()
    {
        var output = Path.Combine(Path.GetTempPath(), "ballotline-tests", Guid.NewGuid().ToString("N"), "reports");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            new Dictionary<string, string?>(),
            "simulate", "--voters", "60", "--seed", "5", "--rpc-error-rate", "0.3", "--time-scale", "0.002", "--concurrency", "12", "--output", output);

        // The server's chain client retries each failed call with backoff and jitter: anchoring finishes, receipts verify, nothing answers 500.
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("PASS  Every receipt verifies against the root on the chain", stdout, StringComparison.Ordinal);
        Assert.Contains("PASS  The published election record verifies independently", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", stdout, StringComparison.Ordinal);
        var phase2 = await File.ReadAllTextAsync(Path.Combine(output, "phase2_report.md"));
        Assert.True(int.Parse(InjectedFailures().Match(phase2).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, "calls really failed");
    }

    [Fact]
    public async Task A_running_server_is_driven_through_its_api_with_the_administrator_given()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        await PilotDriver.StartAsync(app);
        var output = Path.Combine(app.DataDirectory, "reports");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["BALLOTLINE_PASSWORD"] = PilotDriver.Password, ["BALLOTLINE_EMAIL"] = null },
            "simulate", "--url", $"http://127.0.0.1:{port}", "--email", "admin@example.org", "--voters", "12",
            "--drop-off", "none", "--satisfaction", "unhappy", "--time-scale", "0", "--trustees", "3", "--quorum", "2", "--output", output);

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.DoesNotContain("Started a rehearsal server", stdout, StringComparison.Ordinal);
        Assert.Contains("Key ceremony complete: 3 trustees", stdout, StringComparison.Ordinal);
        Assert.Contains("Trustees 1–2 decrypted the tally; 1 stayed away.", stdout, StringComparison.Ordinal);
        Assert.Contains("PASS  The published election record verifies independently", stdout, StringComparison.Ordinal);
        Assert.Contains("Verdict: NO-GO", stdout, StringComparison.Ordinal); // 12 voters are fewer than the plan's 50, and they were unhappy
        var (voters, ballots) = await app.WithDbAsync(async db => (
            await db.PilotVoters.CountAsync(v => v.RegisteredAt != null),
            await db.BallotBox.CountAsync()));
        Assert.Equal((12, 12), (voters, ballots));
        Assert.True(File.Exists(Path.Combine(output, "phase2_report.html")));
        Assert.DoesNotContain(PilotDriver.Password, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impossible_options_are_all_refused_at_once_with_the_reason_and_nothing_is_started()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["BALLOTLINE_PASSWORD"] = null, ["BALLOTLINE_EMAIL"] = null },
            "simulate", "--voters", "0", "--technical-share", "1.5", "--drop-off", "sometimes", "--satisfaction", "ecstatic",
            "--rpc-error-rate", "2", "--url", "http://127.0.0.1:1", "--chain-outage", "5", "--recording", "sideways", "--trustees", "2", "--quorum", "3");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        foreach (var reason in new[]
        {
            "--voters must be between 1 and 100000, not 0.", "--technical-share must be between 0 and 1, not 1.5.",
            "--rpc-error-rate must be between 0 and 0.9, not 2.", "--drop-off must be one of none, typical, high, not 'sometimes'.",
            "--satisfaction must be one of happy, mixed, unhappy, not 'ecstatic'.", "Fault injection and --rpc apply to the server the simulator starts",
            "pass --email (or set BALLOTLINE_EMAIL) and set BALLOTLINE_PASSWORD", "--recording must be Batched or PerBallot, not 'sideways'.",
            "--trustees must be 1 to 20 and --quorum 1 to --trustees, not 3 of 2.",
        })
        {
            Assert.Contains(reason, stderr, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"(\d+) chain calls failed on purpose")]
    private static partial Regex InjectedFailures();
}
