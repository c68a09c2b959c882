using System.CommandLine;
using System.Globalization;
using Ballotline.Cli.ServerApi;
using Ballotline.Cli.Simulation;

namespace Ballotline.Cli;

/// <summary>
/// <c>ballotline simulate</c>: rehearses a whole pilot with synthetic voters through the HTTP API, with chain faults
/// if asked, writes the reports, prints the success table and exits non-zero unless the published tally equals
/// the intended votes and every receipt verifies.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var voters = new Option<int>("--voters") { Description = "Synthetic voters in the pilot group", DefaultValueFactory = _ => 100 };
        var technical = new Option<double>("--technical-share") { Description = "Share of technical voters (0–1)", DefaultValueFactory = _ => 0.4 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed rehearses the same voters", DefaultValueFactory = _ => 1 };
        var url = new Option<string?>("--url") { Description = "Drive a running server (administrator from --email and BALLOTLINE_PASSWORD); default: start one on the embedded defaults in a temporary directory" };
        var email = new Option<string?>("--email") { Description = "Administrator's email for --url (otherwise BALLOTLINE_EMAIL)" };
        var rpc = new Option<string?>("--rpc") { Description = "Anchor on this JSON-RPC node (authority key from BALLOTLINE_AUTHORITY_KEY) instead of the embedded chain" };
        var chainId = new Option<long>("--chain-id") { Description = "Chain id of the --rpc node", DefaultValueFactory = _ => 31337 };
        var recording = new Option<string>("--recording") { Description = "Batched or PerBallot", DefaultValueFactory = _ => "Batched" };
        var dropOff = new Option<string>("--drop-off") { Description = "Drop-off profile: " + string.Join(", ", DropOffProfile.All.Select(p => p.Name)), DefaultValueFactory = _ => DropOffProfile.Typical.Name };
        var satisfaction = new Option<string>("--satisfaction") { Description = "Satisfaction profile: " + string.Join(", ", SatisfactionProfile.All.Select(p => p.Name)), DefaultValueFactory = _ => SatisfactionProfile.Happy.Name };
        var outage = new Option<double>("--chain-outage") { Description = "Seconds of chain outage, starting when half the ballots are cast", DefaultValueFactory = _ => 0 };
        var errorRate = new Option<double>("--rpc-error-rate") { Description = "Share of chain RPC calls that fail (0–0.9)", DefaultValueFactory = _ => 0 };
        var delay = new Option<double>("--rpc-delay-ms") { Description = "Milliseconds added to every chain RPC call (a slow node)", DefaultValueFactory = _ => 0 };
        var scale = new Option<double>("--time-scale") { Description = "1 = the plan's real timings (5 min to register, 2 to vote); 0.01 = 100 times faster", DefaultValueFactory = _ => 0.01 };
        var concurrency = new Option<int>("--concurrency") { Description = "Voters acting at the same time", DefaultValueFactory = _ => 16 };
        var trustees = new Option<int>("--trustees") { Description = "Trustees holding the election key (1: the server holds it); more rehearses the k-of-n key ceremony", DefaultValueFactory = _ => 1 };
        var quorum = new Option<int>("--quorum") { Description = "Trustees needed to decrypt (the rehearsal decrypts with exactly this many)", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--output") { Description = "Where to write the reports", DefaultValueFactory = _ => new DirectoryInfo("reports") };
        var command = new Command("simulate", "Rehearse a whole pilot with synthetic voters and write its reports")
        {
            voters, technical, seed, url, email, rpc, chainId, recording, dropOff, satisfaction, outage, errorRate, delay, scale, concurrency, trustees, quorum, output,
        };
        command.SetAction(async (result, ct) =>
        {
            var drop = DropOffProfile.All.FirstOrDefault(p => string.Equals(p.Name, result.GetValue(dropOff), StringComparison.OrdinalIgnoreCase));
            var feel = SatisfactionProfile.All.FirstOrDefault(p => string.Equals(p.Name, result.GetValue(satisfaction), StringComparison.OrdinalIgnoreCase));
            var problems = new List<string>();
            var options = new SimulationOptions
            {
                Voters = result.GetValue(voters),
                TechnicalShare = result.GetValue(technical),
                Seed = result.GetValue(seed),
                Url = Address(result.GetValue(url), "--url", problems),
                Email = result.GetValue(email) ?? Environment.GetEnvironmentVariable("BALLOTLINE_EMAIL"),
                Password = Environment.GetEnvironmentVariable("BALLOTLINE_PASSWORD"),
                Rpc = Address(result.GetValue(rpc), "--rpc", problems),
                ChainId = result.GetValue(chainId),
                Recording = result.GetValue(recording)!,
                DropOff = drop ?? DropOffProfile.Typical,
                Satisfaction = feel ?? SatisfactionProfile.Happy,
                ChainOutage = TimeSpan.FromSeconds(result.GetValue(outage)),
                RpcErrorRate = result.GetValue(errorRate),
                RpcDelay = TimeSpan.FromMilliseconds(result.GetValue(delay)),
                TimeScale = result.GetValue(scale),
                Concurrency = result.GetValue(concurrency),
                Trustees = result.GetValue(trustees),
                Quorum = result.GetValue(quorum),
                Output = result.GetValue(output)!,
            };
            problems.AddRange(options.Problems());
            if (drop is null)
            {
                problems.Add($"--drop-off must be one of {string.Join(", ", DropOffProfile.All.Select(p => p.Name))}, not '{result.GetValue(dropOff)}'.");
            }

            if (feel is null)
            {
                problems.Add($"--satisfaction must be one of {string.Join(", ", SatisfactionProfile.All.Select(p => p.Name))}, not '{result.GetValue(satisfaction)}'.");
            }

            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await Console.Error.WriteLineAsync(problem);
                }

                return 2;
            }

            try
            {
                var outcome = await new PilotSimulator(options, Console.Out).RunAsync(ct);
                Console.WriteLine();
                Console.WriteLine(outcome.SuccessTable);
                Console.WriteLine();
                foreach (var file in outcome.ReportFiles)
                {
                    Console.WriteLine($"Wrote {file}");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rehearsed {outcome.Voters} voters in {outcome.Duration.TotalSeconds:0} s ({outcome.VotersPerMinute:0} voters per minute). Verdict: {outcome.Verdict}."));
                foreach (var check in outcome.Checks)
                {
                    Console.WriteLine(check);
                }

                return outcome.Passed ? 0 : 1;
            }
            catch (Exception e) when (e is PilotApiException or HttpRequestException or TimeoutException or InvalidOperationException or Ballotline.Crypto.Trustees.TrusteeException)
            {
                await Console.Error.WriteLineAsync($"The rehearsal stopped: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Uri? Address(string? value, string option, List<string> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
        {
            return address;
        }

        problems.Add($"{option} must be an http(s) URL, not '{value}'.");
        return null;
    }
}
