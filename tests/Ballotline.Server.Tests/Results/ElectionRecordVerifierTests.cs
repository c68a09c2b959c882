using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Ballotline.Server.Elections;
using Ballotline.Server.Tests.Anchoring;
using Ballotline.Verifier;

namespace Ballotline.Server.Tests.Results;

/// <summary>
/// The published election record (zip) re-checked by the independent verifier against the embedded chain over
/// its public JSON-RPC endpoint; and each kind of tampering caught by the check that should catch it.
/// </summary>
public sealed class ElectionRecordVerifierTests
{
    internal static async Task<(BallotlineApp App, string BaseUrl, byte[] Zip)> TalliedRecordAsync(string slug)
    {
        var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input(slug));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(5)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var invitations = await pilot.InviteAsync(election.Id);
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        string[] choices = ["aurora", "beacon", "beacon", "compass"];
        Server.Voting.Receipt? last = null;
        for (var i = 0; i < choices.Length; i++)
        {
            var voter = await pilot.RegisterAsync(invitations[i]);
            if (i == 0)
            {
                // The first voter challenges a ballot before casting: the record then has a spoiled ballot to commit.
                await PilotDriver.EnsureAsync(await PilotDriver.ChallengeOnDeviceAsync(voter, election.Id, "compass"));
            }

            var cast = await PilotDriver.CastAsync(voter, election.Id, choices[i]);
            await PilotDriver.EnsureAsync(cast);
            last = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<Server.Voting.Receipt>(cast.Content);
        }

        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, last!.TrackingCode)).Stage == "final", "the ballots are final");
        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        await Eventually.HoldsAsync(async () => await app.WithDbAsync(db => Task.FromResult(db.Anchors.Any(a => a.Kind == Server.Anchoring.AnchorKind.Close && a.Status == Server.Anchoring.AnchorStatus.Final))),
            "the close is final on the chain");
        var zip = await app.CreateClient().GetByteArrayAsync($"/api/elections/{slug}/record.zip");
        return (app, $"http://127.0.0.1:{port}", zip);
    }

    internal static async Task<IReadOnlyList<VerifierCheck>> VerifyAsync(byte[] zip, string? rpc, ElectionAnnouncement? announcement = null)
    {
        var file = Path.Combine(Path.GetTempPath(), "ballotline-tests", Guid.NewGuid().ToString("N") + ".zip");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, zip);
        using var source = await RecordSource.OpenAsync(file, CancellationToken.None);
        return await new ElectionRecordVerifier(source, rpc, announcement: announcement).VerifyAsync(CancellationToken.None);
    }

    /// <summary>The record with one file rewritten and record.json's hash for it updated, as a forger would.</summary>
    internal static byte[] Tamper(byte[] zip, string name, Func<string, string> change) => TamperFiles(zip, files => files[name] = change(files[name]));

    /// <summary>The record with any files rewritten (or added) and every hash in record.json updated to match, as a forger would.</summary>
    internal static byte[] TamperFiles(byte[] zip, Action<Dictionary<string, string>> change, string? duplicateEntry = null)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            foreach (var entry in archive.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                files[entry.Name] = reader.ReadToEnd();
            }
        }

        var before = files.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        change(files);
        var index = JsonNode.Parse(files["record.json"])!;
        foreach (var (name, text) in files.Where(f => f.Key != "record.json" && (!before.TryGetValue(f.Key, out var old) || old != f.Value)))
        {
            index["files"]![name] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        }

        files["record.json"] = index.ToJsonString();
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (file, text) in files)
            {
                using var writer = new StreamWriter(archive.CreateEntry(file).Open());
                writer.Write(text);
            }

            if (duplicateEntry is not null)
            {
                // A second entry of the same name after the genuine one: .NET reads the first, many unzip tools the last.
                using var writer = new StreamWriter(archive.CreateEntry(duplicateEntry).Open());
                writer.Write(files[duplicateEntry].Replace("\"votes\": 2", "\"votes\": 9", StringComparison.Ordinal));
            }
        }

        return output.ToArray();
    }

    private static string Failed(IReadOnlyList<VerifierCheck> checks) => string.Join(", ", checks.Where(c => !c.Passed).Select(c => c.Name));

    [Fact]
    public async Task A_real_record_passes_every_check_including_the_roots_read_from_the_chain()
    {
        var (app, baseUrl, zip) = await TalliedRecordAsync("record-real");
        await using var _ = app;

        var announcement = ElectionAnnouncement.Parse(await app.CreateClient().GetStringAsync("/api/elections/record-real/announcement"));
        var checks = await VerifyAsync(zip, $"{baseUrl}/chain/rpc", announcement);

        Assert.True(checks.All(c => c.Passed), string.Join("\n", checks));
        Assert.DoesNotContain(checks, c => c.Skipped);
        Assert.Equal(["record.files", "context", "ballots.proofs", "ballots.tracking-codes", "ballots.log-positions", "spoiled", "tally.encrypted-totals",
            "tally.decryptions", "tally.positions", "result", "ledger.roots", "ledger.close", "announcement", "chain.contract", "chain.anchors"], checks.Select(c => c.Name));
        Assert.Contains("4 ballots", checks.Single(c => c.Name == "ballots.proofs").Detail, StringComparison.Ordinal);
        Assert.Contains("closed at 4 ballots", checks.Single(c => c.Name == "chain.anchors").Detail, StringComparison.Ordinal);
        Assert.Contains("the close statement commits to the record's challenged ballots, tally and result", checks.Single(c => c.Name == "chain.anchors").Detail, StringComparison.Ordinal);
        Assert.Contains("1 ", checks.Single(c => c.Name == "spoiled").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_altered_ballot_an_altered_anchor_a_missing_ballot_and_a_changed_count_each_fail_their_check()
    {
        var (app, baseUrl, zip) = await TalliedRecordAsync("record-tampered");
        await using var _ = app;
        var rpc = $"{baseUrl}/chain/rpc";

        // One ballot's proof altered: its proofs fail, so it drops out of the tally.
        var altered = Tamper(zip, "ballots.jsonl", text =>
        {
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var first = JsonNode.Parse(lines[0])!;
            var responses = first["ballot"]!["contests"]![0]!["selections"]![0]!["proof"]!["responses"]!.AsArray();
            (responses[0], responses[1]) = (responses[1]!.DeepClone(), responses[0]!.DeepClone());
            lines[0] = first.ToJsonString();
            return string.Join('\n', lines) + "\n";
        });
        var ballotChecks = await VerifyAsync(altered, rpc);
        Assert.Contains("ballots.proofs", Failed(ballotChecks), StringComparison.Ordinal);
        Assert.Contains("ballot 0: ballot.contest[project-name].selection[aurora].range-proof.challenge", ballotChecks.Single(c => c.Name == "ballots.proofs").Detail, StringComparison.Ordinal);
        Assert.Contains("tally.encrypted-totals", Failed(ballotChecks), StringComparison.Ordinal);

        // One anchor's root altered in the record: it no longer matches the log, nor the chain.
        var anchor = Tamper(zip, "ledger.json", text =>
        {
            var ledger = JsonNode.Parse(text)!;
            ledger["anchors"]![0]!["root"] = new string('a', 64);
            return ledger.ToJsonString();
        });
        var anchorChecks = await VerifyAsync(anchor, rpc);
        Assert.Equal("ledger.roots, chain.anchors", Failed(anchorChecks));

        // The last ballot removed: the tally, the result and the chain's roots no longer add up.
        var missing = Tamper(zip, "ballots.jsonl", text =>
        {
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join('\n', lines[..^1]) + "\n";
        });
        var missingChecks = await VerifyAsync(missing, rpc);
        Assert.Contains("tally.encrypted-totals", Failed(missingChecks), StringComparison.Ordinal);
        Assert.Contains("ledger.roots", Failed(missingChecks), StringComparison.Ordinal);
        Assert.Contains("chain.anchors", Failed(missingChecks), StringComparison.Ordinal);

        // A count changed in the published result.
        var count = Tamper(zip, "result.json", text => text.Replace("\"votes\": 2", "\"votes\": 3", StringComparison.Ordinal));
        Assert.Equal("result, chain.anchors", Failed(await VerifyAsync(count, rpc))); // and the chain\'s close statement no longer matches

        // A file changed without updating record.json is caught by its hash.
        using var raw = new MemoryStream();
        raw.Write(zip);
        using (var archive = new ZipArchive(raw, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.GetEntry("result.json")!;
            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("result.json").Open());
            writer.Write("{}");
        }

        Assert.Contains("record.files", Failed(await VerifyAsync(raw.ToArray(), rpc)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forger_who_rehashes_every_edited_file_is_caught_by_the_check_that_reads_the_truth()
    {
        var (app, baseUrl, zip) = await TalliedRecordAsync("record-forged");
        await using var _ = app;
        var rpc = $"{baseUrl}/chain/rpc";

        // The winner relabelled: two candidates' positions swapped in tally.json, their votes swapped in result.json.
        var relabelled = TamperFiles(zip, files =>
        {
            var tally = JsonNode.Parse(files["tally.json"])!;
            var positions = tally["positions"]!.AsArray();
            (positions[0], positions[1]) = (positions[1]!.DeepClone(), positions[0]!.DeepClone());
            files["tally.json"] = tally.ToJsonString();
            var result = JsonNode.Parse(files["result.json"])!;
            var candidates = result["contests"]![0]!["candidates"]!.AsArray();
            (candidates[0]!["votes"], candidates[1]!["votes"]) = (candidates[1]!["votes"]!.DeepClone(), candidates[0]!["votes"]!.DeepClone());
            files["result.json"] = result.ToJsonString();
        });
        Assert.Contains("tally.positions", Failed(await VerifyAsync(relabelled, rpc)), StringComparison.Ordinal);

        // A candidate deleted from result.json, and an unknown one added.
        var deleted = Tamper(zip, "result.json", text =>
        {
            var result = JsonNode.Parse(text)!;
            result["contests"]![0]!["candidates"]!.AsArray().RemoveAt(2);
            return result.ToJsonString();
        });
        Assert.Equal("result, chain.anchors", Failed(await VerifyAsync(deleted, rpc))); // and the chain\'s close statement no longer matches
        var added = Tamper(zip, "result.json", text =>
        {
            var result = JsonNode.Parse(text)!;
            result["contests"]![0]!["candidates"]!.AsArray().Add(new JsonObject { ["id"] = "dark-horse", ["name"] = "Dark Horse", ["votes"] = 0 });
            return result.ToJsonString();
        });
        Assert.Equal("result, chain.anchors", Failed(await VerifyAsync(added, rpc))); // and the chain\'s close statement no longer matches

        // A name changed in result.json alone.
        var renamed = Tamper(zip, "result.json", text => text.Replace("\"Beacon\"", "\"Lighthouse\"", StringComparison.Ordinal));
        Assert.Equal("result, chain.anchors", Failed(await VerifyAsync(renamed, rpc))); // and the chain\'s close statement no longer matches

        // Two names swapped consistently in contests.json and result.json (v2 could not see it): they differ from the
        // names bound into the manifest hash.
        string SwapNames(string text) => text.Replace("\"Aurora\"", "\"@swap@\"", StringComparison.Ordinal).Replace("\"Beacon\"", "\"Aurora\"", StringComparison.Ordinal)
            .Replace("\"@swap@\"", "\"Beacon\"", StringComparison.Ordinal);
        var swapped = TamperFiles(zip, files =>
        {
            files["contests.json"] = SwapNames(files["contests.json"]);
            files["result.json"] = SwapNames(files["result.json"]);
        });
        Assert.Equal("result, chain.anchors", Failed(await VerifyAsync(swapped, rpc))); // and the chain\'s close statement no longer matches

        // …and swapped in the manifest's labels too: another manifest, so not the context every proof is bound to.
        var swappedEverywhere = TamperFiles(zip, files =>
        {
            foreach (var name in new[] { "contests.json", "result.json", "manifest.json" })
            {
                files[name] = SwapNames(files[name]);
            }
        });
        Assert.StartsWith("context", Failed(await VerifyAsync(swappedEverywhere, rpc)), StringComparison.Ordinal);

        // A challenged ballot removed from spoiled.jsonl: the chain's close statement commits to it.
        var unspoiled = Tamper(zip, "spoiled.jsonl", _ => string.Empty);
        Assert.Equal("chain.anchors", Failed(await VerifyAsync(unspoiled, rpc)));
        Assert.Contains("close statement", (await VerifyAsync(unspoiled, rpc)).Single(c => c.Name == "chain.anchors").Detail, StringComparison.Ordinal);

        // The close removed from the record (and the log's last anchor with it): fails without --rpc too.
        var unclosed = Tamper(zip, "ledger.json", text =>
        {
            var ledger = JsonNode.Parse(text)!;
            var anchors = ledger["anchors"]!.AsArray();
            anchors.RemoveAt(anchors.Count - 1);
            return ledger.ToJsonString();
        });
        Assert.Equal("ledger.close", Failed(await VerifyAsync(unclosed, null)));

        // An anchor that is not final.
        var pending = Tamper(zip, "ledger.json", text =>
        {
            var ledger = JsonNode.Parse(text)!;
            ledger["anchors"]![0]!["status"] = "Submitted";
            return ledger.ToJsonString();
        });
        Assert.Equal("ledger.close", Failed(await VerifyAsync(pending, null)));

        // Files parsed as strict types: an undocumented field, a number written as text, a missing field — each
        // refused by name (never a crash, never read as "absent").
        var undocumented = Tamper(zip, "ledger.json", text => text.Replace("\"lost\"", "\"note\": \"trust me\", \"lost\"", StringComparison.Ordinal));
        Assert.Contains("ledger.json is not in its documented shape", (await VerifyAsync(undocumented, rpc)).Single(c => c.Name == "ledger.roots").Detail, StringComparison.Ordinal);
        var textual = Tamper(zip, "result.json", text => text.Replace("\"votes\": 2", "\"votes\": \"2\"", StringComparison.Ordinal));
        Assert.Contains(await VerifyAsync(textual, rpc), c => !c.Passed && c.Detail.Contains("result.json is not in its documented shape", StringComparison.Ordinal));
        var incomplete = Tamper(zip, "context.json", text =>
        {
            var context = JsonNode.Parse(text)!;
            context.AsObject().Remove("quorum");
            return context.ToJsonString();
        });
        Assert.StartsWith("context", Failed(await VerifyAsync(incomplete, rpc)), StringComparison.Ordinal);

        // Two result.json entries, the tampered one second; and a file the record does not have.
        Assert.Equal("record.files", Failed(await VerifyAsync(TamperFiles(zip, _ => { }, duplicateEntry: "result.json"), rpc)));
        Assert.Equal("record.files", Failed(await VerifyAsync(TamperFiles(zip, files => files["notes.txt"] = "trust me"), rpc)));
    }

    [Fact]
    public async Task A_v4_records_published_commitments_are_checked_and_a_forger_who_edits_them_is_named_by_both_verifiers()
    {
        var (app, baseUrl, zip) = await TalliedRecordAsync("record-commitments");
        await using var _ = app;
        var rpc = $"{baseUrl}/chain/rpc";
        var index = JsonNode.Parse(ReadEntry(zip, "record.json"))!;
        Assert.Equal(RecordFiles.Version, (string?)index["version"]);
        var firstLine = JsonNode.Parse(ReadEntry(zip, "ballots.jsonl").Split('\n')[0])!;
        Assert.Equal(4, firstLine["commitments"]!.AsArray().Count); // three selection proofs and the contest's sum proof

        static string EditFirstLine(string text, Action<JsonNode> edit)
        {
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var first = JsonNode.Parse(lines[0])!;
            edit(first);
            lines[0] = first.ToJsonString();
            return string.Join('\n', lines) + "\n";
        }

        // A valid ballot published with another ballot's commitments for one proof: its hash no longer matches them.
        var swapped = Tamper(zip, "ballots.jsonl", text =>
        {
            var second = JsonNode.Parse(text.Split('\n')[1])!;
            return EditFirstLine(text, first => first["commitments"]![1] = second["commitments"]![1]!.DeepClone());
        });
        // One commitment of the first proof replaced by another point (g): the 0-branch's a₀ no longer its equation's.
        var replaced = Tamper(zip, "ballots.jsonl", text => EditFirstLine(text, first =>
        {
            var hex = (string)first["commitments"]![0]!;
            first["commitments"]![0] = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" + hex[66..];
        }));
        // The commitments left out of one line, an extra set added to another, and a v4 record relabelled v3.
        var missing = Tamper(zip, "ballots.jsonl", text => EditFirstLine(text, first => first.AsObject().Remove("commitments")));
        var extra = Tamper(zip, "ballots.jsonl", text => EditFirstLine(text, first => first["commitments"]!.AsArray().Add(first["commitments"]![0]!.DeepClone())));
        var relabelled = Tamper(zip, "record.json", text => text.Replace(RecordFiles.Version, RecordFiles.VersionWithoutCommitments, StringComparison.Ordinal));

        foreach (var (forged, detail, onlyTheFirst) in new[]
        {
            (swapped, "ballot 0: ballot.contest[project-name].selection[beacon].range-proof.commitments", true),
            (replaced, "ballot 0: ballot.contest[project-name].selection[aurora].range-proof.commitments", true),
            (missing, "ballot 0: ballot.commitments", true),
            (extra, "ballot 0: ballot.commitments", true),
            (relabelled, "ballot 3: ballot.commitments", false),
        })
        {
            var checks = await VerifyAsync(forged, rpc);
            var proofs = checks.Single(c => c.Name == "ballots.proofs");
            Assert.False(proofs.Passed, detail);
            Assert.Contains(detail, proofs.Detail, StringComparison.Ordinal);
            Assert.Equal(onlyTheFirst, !proofs.Detail.Contains("ballot 1:", StringComparison.Ordinal)); // the batch's other ballots still verify
            Assert.Equal(Failed(checks), string.Join(", ", (await JavaScriptVerifier.VerifyAsync(forged, rpc)).Failed));
        }
    }

    private static string ReadEntry(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task The_verify_command_prints_every_check_and_exits_by_the_outcome()
    {
        var (app, baseUrl, zip) = await TalliedRecordAsync("record-cli");
        await using var _ = app;
        var directory = Path.Combine(app.DataDirectory, "published");
        Directory.CreateDirectory(directory);
        var good = Path.Combine(directory, "record.zip");
        await File.WriteAllBytesAsync(good, zip);
        var bad = Path.Combine(directory, "tampered.zip");
        await File.WriteAllBytesAsync(bad, Tamper(zip, "result.json", text => text.Replace("\"votes\": 2", "\"votes\": 5", StringComparison.Ordinal)));
        var none = new Dictionary<string, string?>();

        var announcement = $"{baseUrl}/api/elections/record-cli/announcement";
        var passed = await CliProcess.RunToolAsync("ballotline-verify", none, good, "--rpc", $"{baseUrl}/chain/rpc", "--announcement", announcement);
        Assert.True(passed.Exit == 0, passed.Out + passed.Err);
        Assert.Contains("PASS  chain.anchors:", passed.Out, StringComparison.Ordinal);
        Assert.Contains("PASS  chain.contract:", passed.Out, StringComparison.Ordinal);
        Assert.Contains("VERIFIED: 15 passed, 0 failed, 0 skipped", passed.Out, StringComparison.Ordinal);

        // With the chain but without the announcement, the record's own contract is all there is: said, exit 3.
        var unannounced = await CliProcess.RunToolAsync("ballotline-verify", none, good, "--rpc", $"{baseUrl}/chain/rpc");
        Assert.True(unannounced.Exit == 3, unannounced.Out + unannounced.Err);
        Assert.Contains("VERIFIED WITHOUT THE ANNOUNCEMENT", unannounced.Out, StringComparison.Ordinal);

        // Unpacked and served as static files by the server itself: the same record, read over HTTP.
        var fromUrl = await CliProcess.RunToolAsync("ballotline-verify", none, $"{baseUrl}/api/elections/record-cli/record.zip");
        // Without --rpc every other check passes, and the verdict says plainly that the chain was not read (exit 3).
        Assert.True(fromUrl.Exit == 3, fromUrl.Out + fromUrl.Err);
        Assert.Contains("SKIP  chain.anchors", fromUrl.Out, StringComparison.Ordinal);
        Assert.Contains("VERIFIED WITHOUT THE CHAIN", fromUrl.Out, StringComparison.Ordinal);
        Assert.Contains("AND THE ANNOUNCEMENT", fromUrl.Out, StringComparison.Ordinal);

        // Unpacked into a directory, as a static web server would publish it.
        var unpacked = Path.Combine(directory, "unpacked");
        ZipFile.ExtractToDirectory(good, unpacked);
        var fromDirectory = await CliProcess.RunToolAsync("ballotline-verify", none, unpacked, "--rpc", $"{baseUrl}/chain/rpc", "--announcement", announcement);
        Assert.True(fromDirectory.Exit == 0, fromDirectory.Out + fromDirectory.Err);

        var failed = await CliProcess.RunToolAsync("ballotline-verify", none, bad);
        Assert.Equal(1, failed.Exit);
        Assert.Contains("FAIL  result:", failed.Out, StringComparison.Ordinal);
        Assert.Contains("NOT VERIFIED", failed.Out, StringComparison.Ordinal);

        var missing = await CliProcess.RunToolAsync("ballotline-verify", none, Path.Combine(directory, "nothing.zip"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("No election record at", missing.Err, StringComparison.Ordinal);
    }
}
