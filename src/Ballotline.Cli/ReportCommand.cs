using System.CommandLine;
using System.Net;
using Ballotline.Cli.ServerApi;

namespace Ballotline.Cli;

/// <summary>
/// <c>ballotline report --url URL --election ID</c>: signs in to a running Ballotline server as an administrator
/// and writes the pilot metrics report (the plan's <c>reports/pilot_election_metrics.md</c>). The password comes
/// from BALLOTLINE_PASSWORD, never from the command line, where other users of the machine could read it.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The Ballotline server", DefaultValueFactory = _ => "http://localhost:5080" };
        var election = new Option<Guid>("--election") { Description = "The election's id (shown in its administration page address)", Required = true };
        var email = new Option<string?>("--email") { Description = "Administrator's email (otherwise BALLOTLINE_EMAIL); the password is read from BALLOTLINE_PASSWORD" };
        var output = new Option<FileInfo>("--output") { Description = "Where to write the report", DefaultValueFactory = _ => new FileInfo(Path.Combine("reports", "pilot_election_metrics.md")) };
        var command = new Command("report", "Write the pilot metrics report with the success table and GO / NO-GO") { url, election, email, output };
        command.SetAction(async (result, ct) =>
        {
            var address = result.GetValue(email) ?? Environment.GetEnvironmentVariable("BALLOTLINE_EMAIL");
            var password = Environment.GetEnvironmentVariable("BALLOTLINE_PASSWORD");
            if (string.IsNullOrWhiteSpace(address) || string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("Sign-in needs an administrator: pass --email (or set BALLOTLINE_EMAIL) and set BALLOTLINE_PASSWORD.");
                return 2;
            }

            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync($"--url must be an http(s) URL, not '{result.GetValue(url)}'.");
                return 2;
            }

            using var api = new PilotApi(server);
            try
            {
                try
                {
                    await api.SignInAsync(address, password, ct);
                }
                catch (PilotApiException e)
                {
                    await Console.Error.WriteLineAsync($"Sign-in refused for {address} ({(int?)e.Status}): check the email and BALLOTLINE_PASSWORD.");
                    return 1;
                }

                var report = await api.GetTextAsync($"/api/elections/{result.GetValue(election)}/report/metrics", ct);
                var file = result.GetValue(output)!;
                file.Directory?.Create();
                await File.WriteAllTextAsync(file.FullName, report, ct);
                Console.WriteLine($"Wrote {file.FullName}");
                var verdict = report.Split('\n').FirstOrDefault(l => l.StartsWith("Recommendation:", StringComparison.Ordinal));
                Console.WriteLine(verdict ?? "The report has no recommendation line.");
                return 0;
            }
            catch (PilotApiException e) when (e.Status == HttpStatusCode.NotFound)
            {
                await Console.Error.WriteLineAsync($"No election {result.GetValue(election)} on {server}.");
                return 1;
            }
            catch (PilotApiException e)
            {
                await Console.Error.WriteLineAsync($"The server refused the report: {e.Message}");
                return 1;
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"Cannot reach {server}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
