using System.Diagnostics;
using System.Text.Json;

namespace Ballotline.Server.Tests;

/// <summary>
/// Runs the second, JavaScript record verifier (<c>node web/verifier/cli.mjs --json</c>) as a third party would,
/// so that the suite can hold the two verifiers to the same verdict on the same record.
/// </summary>
internal static class JavaScriptVerifier
{
    public sealed record Check(string Name, bool Passed, bool Skipped, string Detail);

    public sealed record Outcome(int ExitCode, string Verdict, IReadOnlyList<Check> Checks, string Error)
    {
        public IEnumerable<string> Failed => Checks.Where(c => !c.Passed).Select(c => c.Name);

        public override string ToString() => $"exit {ExitCode}, {Verdict}\n{string.Join("\n", Checks)}\n{Error}";
    }

    public static async Task<Outcome> VerifyAsync(byte[] zip, string? rpcUrl = null, string? announcementJson = null)
    {
        var directory = Directory.CreateTempSubdirectory("ballotline-js-verify-");
        try
        {
            var record = Path.Combine(directory.FullName, "record.zip");
            await File.WriteAllBytesAsync(record, zip);
            string? announcement = null;
            if (announcementJson is not null)
            {
                announcement = Path.Combine(directory.FullName, "announcement.json");
                await File.WriteAllTextAsync(announcement, announcementJson);
            }

            return await VerifyFileAsync(record, rpcUrl, announcement);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public static async Task<Outcome> VerifyFileAsync(string record, string? rpcUrl = null, string? announcementFile = null)
    {
        List<string> args = [Path.Combine(RepositoryPaths.Root, "web", "verifier", "cli.mjs"), record, "--json"];
        if (rpcUrl is not null)
        {
            args.AddRange(["--rpc", rpcUrl]);
        }

        if (announcementFile is not null)
        {
            args.AddRange(["--announcement", announcementFile]);
        }

        var start = new ProcessStartInfo("node", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started: ./test.sh installs Node.js.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        if (process.ExitCode == 2 || string.IsNullOrWhiteSpace(text))
        {
            return new Outcome(process.ExitCode, "UNREADABLE", [], await error);
        }

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var checks = root.GetProperty("checks").EnumerateArray().Select(c => new Check(c.GetProperty("name").GetString()!, c.GetProperty("passed").GetBoolean(),
            c.GetProperty("skipped").GetBoolean(), c.GetProperty("detail").GetString()!)).ToList();
        return new Outcome(process.ExitCode, root.GetProperty("verdict").GetString()!, checks, await error);
    }
}
