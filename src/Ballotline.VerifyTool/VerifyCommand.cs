using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ballotline.Verifier;

namespace Ballotline.VerifyTool;

/// <summary>
/// <c>ballotline-verify RECORD [--rpc URL] [--announcement FILE|URL]</c>: re-checks a published election record
/// independently (the Ballotline.Verifier library shares no code with the server beyond the ballot cryptography).
/// Prints every check with PASS / FAIL / SKIP and what it counted; exits 0 when every check ran and passed (the
/// chain and the announcement included), 1 if any check fails, 2 if the record or the announcement cannot be
/// read, 3 when every check that ran passed but some were skipped — the verdict names what was not checked.
/// </summary>
internal static class VerifyCommand
{
    public static RootCommand Create()
    {
        var record = new Argument<string>("record") { Description = "The election record: a .zip, its unpacked directory, or a URL to either" };
        var rpc = new Option<string?>("--rpc") { Description = "An Ethereum JSON-RPC endpoint of the record's chain, to compare the anchored roots with the contract's" };
        var announcementOption = new Option<string?>("--announcement")
        {
            Description = "The election's announcement (a JSON file, or its URL /api/elections/SLUG/announcement), kept from before voting: checks the record's chain, contract, authority and context hash against it",
        };
        var command = new RootCommand("Verify a published Ballotline election record: proofs, tally, decryption, result, ballot log, chain anchors and the announcement") { record, rpc, announcementOption };
        command.SetAction(async (result, ct) =>
        {
            var rpcUrl = result.GetValue(rpc);
            if (rpcUrl is not null && (!Uri.TryCreate(rpcUrl, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
            {
                await Console.Error.WriteLineAsync($"--rpc must be an http(s) URL, not '{rpcUrl}'.");
                return 2;
            }

            ElectionAnnouncement? announcement = null;
            if (result.GetValue(announcementOption) is { } announced)
            {
                try
                {
                    announcement = await ElectionAnnouncement.ReadAsync(announced, ct);
                }
                catch (Exception e) when (e is FileNotFoundException or HttpRequestException or InvalidDataException or System.Text.Json.JsonException)
                {
                    await Console.Error.WriteLineAsync($"Cannot read the announcement: {e.Message}");
                    return 2;
                }
            }

            var clock = Stopwatch.StartNew();
            RecordSource source;
            try
            {
                source = await RecordSource.OpenAsync(result.GetValue(record)!, ct);
            }
            catch (Exception e) when (e is FileNotFoundException or HttpRequestException or InvalidDataException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"Cannot read the record: {e.Message}");
                return 2;
            }

            using (source)
            {
                Console.WriteLine($"Verifying {source.Description}");
                IReadOnlyList<VerifierCheck> checks;
                try
                {
                    checks = await new ElectionRecordVerifier(source, rpcUrl, p => Console.WriteLine($"  … {p}"), announcement).VerifyAsync(ct);
                }
                catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or HttpRequestException or IOException
                    || (e is TaskCanceledException && !ct.IsCancellationRequested))
                {
                    // Unreadable, not "not verified": a file too large, torn, or a record URL that stopped answering
                    // (a timeout is a TaskCanceledException the caller did not ask for).
                    await Console.Error.WriteLineAsync($"The record is not readable: {e.Message}");
                    return 2;
                }

                foreach (var check in checks)
                {
                    Console.WriteLine(check);
                }

                // "VERIFIED" only when every check ran and passed: what was skipped is named in the verdict and its exit code.
                var failed = checks.Count(c => !c.Passed);
                var skipped = checks.Count(c => c.Skipped);
                var verdict = failed > 0 ? "NOT VERIFIED" : skipped > 0 ? $"VERIFIED WITHOUT {Unchecked(checks)}" : "VERIFIED";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{verdict}: {checks.Count(c => c.Passed && !c.Skipped)} passed, {failed} failed, {skipped} skipped in {clock.Elapsed.TotalSeconds:0.0} s."));
                return failed > 0 ? 1 : skipped > 0 ? 3 : 0;
            }
        });
        return command;
    }

    /// <summary>What the skipped checks leave unproven, in words: "THE CHAIN (…)", "THE ANNOUNCEMENT (…)".</summary>
    private static string Unchecked(IReadOnlyList<VerifierCheck> checks)
    {
        var missing = new List<string>();
        if (checks.Any(c => c.Skipped && c.Name.StartsWith("chain.anchors", StringComparison.Ordinal)))
        {
            missing.Add("THE CHAIN (the anchored roots were not read from the chain: give --rpc)");
        }

        if (checks.Any(c => c.Skipped && c.Name is "announcement" or "chain.contract"))
        {
            missing.Add("THE ANNOUNCEMENT (the record's own contract was trusted: give --announcement)");
        }

        if (checks.Any(c => c.Skipped && c.Name == "ledger.close"))
        {
            missing.Add("ANY CHAIN (the record was never anchored)");
        }

        return string.Join(" AND ", missing.Count == 0 ? ["SOME CHECKS"] : missing);
    }
}
