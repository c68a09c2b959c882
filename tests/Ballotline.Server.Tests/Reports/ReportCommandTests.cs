using Ballotline.Server.Elections;

namespace Ballotline.Server.Tests.Reports;

/// <summary><c>ballotline report</c> run as a process against a server listening on a real port.</summary>
public sealed class ReportCommandTests
{
    private static Task<(int Exit, string Out, string Err)> RunAsync(string? password, params string[] args) =>
        CliProcess.RunAsync(new Dictionary<string, string?> { ["BALLOTLINE_EMAIL"] = null, ["BALLOTLINE_PASSWORD"] = password }, args);

    [Fact]
    public async Task The_report_command_writes_the_metrics_report_and_prints_the_recommendation()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var url = $"http://127.0.0.1:{port}";
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("report-cli"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(2)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        await pilot.RegisterAsync((await pilot.InviteAsync(election.Id))[0]);
        var output = Path.Combine(app.DataDirectory, "reports", "pilot_election_metrics.md");

        var (exit, stdout, stderr) = await RunAsync(PilotDriver.Password, "report", "--url", url, "--election", election.Id.ToString(), "--email", "admin@example.org", "--output", output);

        Assert.True(exit == 0, stderr);
        Assert.Contains("Recommendation: **NO-GO**", stdout, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(output);
        Assert.StartsWith("# Pilot Election Metrics Report", report, StringComparison.Ordinal);
        Assert.Contains("- Total participants: 1 registered of 2 in the pilot group", report, StringComparison.Ordinal);
        Assert.DoesNotContain(PilotDriver.Password, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_passwords_unknown_elections_missing_credentials_and_bad_urls_are_refused_with_the_reason()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var url = $"http://127.0.0.1:{port}";
        await PilotDriver.StartAsync(app);
        var unknown = Guid.NewGuid().ToString();

        var wrong = await RunAsync("not-the-password", "report", "--url", url, "--election", unknown, "--email", "admin@example.org");
        Assert.Equal(1, wrong.Exit);
        Assert.Contains("Sign-in refused for admin@example.org", wrong.Err, StringComparison.Ordinal);

        var missing = await RunAsync(PilotDriver.Password, "report", "--url", url, "--election", unknown, "--email", "admin@example.org");
        Assert.Equal(1, missing.Exit);
        Assert.Contains($"No election {unknown}", missing.Err, StringComparison.Ordinal);

        var noPassword = await RunAsync(null, "report", "--url", url, "--election", unknown, "--email", "admin@example.org");
        Assert.Equal(2, noPassword.Exit);
        Assert.Contains("BALLOTLINE_PASSWORD", noPassword.Err, StringComparison.Ordinal);

        var badUrl = await RunAsync(PilotDriver.Password, "report", "--url", "ftp://example.org", "--election", unknown, "--email", "admin@example.org");
        Assert.Equal(2, badUrl.Exit);
        Assert.Contains("--url must be an http(s) URL", badUrl.Err, StringComparison.Ordinal);

        var down = await RunAsync(PilotDriver.Password, "report", "--url", $"http://127.0.0.1:{Ports.Free()}", "--election", unknown, "--email", "admin@example.org");
        Assert.Equal(1, down.Exit);
        Assert.Contains("Cannot reach", down.Err, StringComparison.Ordinal);
    }
}
