using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ballotline.Server.Elections;
using Ballotline.Server.Tests.Anchoring;
using Ballotline.Verifier;

namespace Ballotline.Server.Tests.Results;

/// <summary>
/// The committed tamper corpus (tests/vectors/records): a genuine record with its announcement, and variants a
/// forger made from it, every edited file re-hashed into record.json so that only the check that reads the truth
/// can catch them. Each variant names the check that must fail; any verifier (this one, a second one written
/// from the docs) runs over the same files. Regenerate with BALLOTLINE_UPDATE_RECORDS=1.
/// </summary>
public sealed class TamperCorpusTests
{
    private static string Corpus => Path.Combine(RepositoryPaths.Root, "tests", "vectors", "records");

    [Fact]
    public async Task Every_committed_forgery_fails_the_check_it_names_and_the_genuine_record_passes()
    {
        if (Environment.GetEnvironmentVariable("BALLOTLINE_UPDATE_RECORDS") == "1")
        {
            await RegenerateAsync();
        }

        foreach (var name in new[] { "genuine", "genuine-v3", ThresholdGenuine })
        {
            var genuine = await VerifyAsync(Path.Combine(Corpus, name));
            Assert.True(genuine.All(c => c.Passed), name + ":\n" + string.Join("\n", genuine));
            Assert.Equal(["chain.anchors"], genuine.Where(c => c.Skipped).Select(c => c.Name)); // offline: only the chain is not read
        }

        var variants = Directory.GetDirectories(Corpus).Where(d => !Path.GetFileName(d).StartsWith("genuine", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(variants.Count >= 30, $"the corpus has {variants.Count} forgeries; it should have at least 30");
        var missed = new List<string>();
        foreach (var variant in variants)
        {
            using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(variant, "expected.json")));
            var check = expected.RootElement.GetProperty("check").GetString()!;
            var checks = await VerifyAsync(variant);
            if (!checks.Any(c => !c.Passed && c.Name == check))
            {
                missed.Add($"{Path.GetFileName(variant)}: expected {check} to fail; failed: {string.Join(", ", checks.Where(c => !c.Passed).Select(c => c.Name))}");
            }
        }

        Assert.True(missed.Count == 0, string.Join("\n", missed));
    }

    /// <summary>
    /// The two verifiers, written separately (C# here, JavaScript in web/verifier from the docs), run over every
    /// record of the corpus and must reach the same verdict with the same set of failed checks.
    /// </summary>
    [Fact]
    public async Task The_javascript_verifier_fails_exactly_the_checks_the_csharp_verifier_fails_on_every_record()
    {
        var disagreements = new List<string>();
        foreach (var directory in Directory.GetDirectories(Corpus).Order(StringComparer.Ordinal))
        {
            var csharp = await VerifyAsync(directory);
            var javascript = await JavaScriptVerifier.VerifyFileAsync(Path.Combine(directory, "record.zip"), announcementFile: AnnouncementFile(directory));
            var csharpFailed = csharp.Where(c => !c.Passed).Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
            var javascriptFailed = javascript.Failed.Order(StringComparer.Ordinal).ToList();
            var csharpExit = csharpFailed.Count > 0 ? 1 : csharp.Any(c => c.Skipped) ? 3 : 0;
            if (!csharpFailed.SequenceEqual(javascriptFailed) || csharpExit != javascript.ExitCode)
            {
                disagreements.Add($"{Path.GetFileName(directory)}: C# exit {csharpExit} failed [{string.Join(", ", csharpFailed)}]; JavaScript exit {javascript.ExitCode} failed [{string.Join(", ", javascriptFailed)}] {javascript.Error}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    private static string AnnouncementFile(string directory)
    {
        var own = Path.Combine(directory, "announcement.json");
        if (File.Exists(own))
        {
            return own;
        }

        var expected = Path.Combine(directory, "expected.json");
        var genuine = File.Exists(expected) && JsonNode.Parse(File.ReadAllText(expected))!["genuine"] is { } named ? named.GetValue<string>() : "genuine";
        return Path.Combine(Corpus, genuine, "announcement.json");
    }

    private static async Task<IReadOnlyList<VerifierCheck>> VerifyAsync(string directory)
    {
        var announcement = ElectionAnnouncement.Parse(await File.ReadAllTextAsync(AnnouncementFile(directory)));
        using var source = await RecordSource.OpenAsync(Path.Combine(directory, "record.zip"), CancellationToken.None);
        return await new ElectionRecordVerifier(source, rpcUrl: null, announcement: announcement).VerifyAsync(CancellationToken.None);
    }

    /// <summary>A real election (a challenged ballot, one anchor per ballot), then each forgery written beside it.</summary>
    private static async Task RegenerateAsync()
    {
        await using var app = new BallotlineApp().With("Chain:BatchSeconds", "0.2");
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync("corpus", 5);
        await pilot.OpenVotingAsync(election.Id);
        string[] choices = ["aurora", "beacon", "beacon", "compass"];
        for (var i = 0; i < choices.Length; i++)
        {
            var voter = await pilot.RegisterAsync(invitations[i]);
            if (i == 0)
            {
                await PilotDriver.EnsureAsync(await PilotDriver.ChallengeOnDeviceAsync(voter, election.Id, "compass"));
            }

            var cast = await PilotDriver.CastAsync(voter, election.Id, choices[i]);
            await PilotDriver.EnsureAsync(cast);
            var code = (await cast.Content.ReadFromJsonAsync<Server.Voting.Receipt>())!.TrackingCode;
            await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, code)).Stage == "final", "the ballot is final");
        }

        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        await Eventually.HoldsAsync(async () => await app.WithDbAsync(db => Task.FromResult(db.Anchors.Any(a => a.Kind == Server.Anchoring.AnchorKind.Close && a.Status == Server.Anchoring.AnchorStatus.Final))),
            "the close is final on the chain");
        var zip = await app.CreateClient().GetByteArrayAsync("/api/elections/corpus/record.zip");
        var announcement = await app.CreateClient().GetStringAsync("/api/elections/corpus/announcement");

        foreach (var record in Directory.Exists(Corpus) ? Directory.GetDirectories(Corpus) : [])
        {
            Directory.Delete(record, recursive: true); // README.md stays
        }

        Write("genuine", zip, null, null, announcement);

        // The same election as a v3 record (published before v4): no commitments beside the proofs. Still verifies.
        var version3 = EditLines(zip, "ballots.jsonl", l =>
        {
            l.ForEach(line => line.AsObject().Remove("commitments"));
            return l;
        });
        Write("genuine-v3", EditJson(version3, "record.json", n => n["version"] = "ballotline/election-record/v3"), null, null, announcement);
        foreach (var (name, check, description, forge) in Forgeries())
        {
            Write(name, forge(zip), check, description, name == "announcement-other-contract" ? ForgedAnnouncement(announcement) : null);
        }

        await RegenerateThresholdAsync();
    }

    private const string ThresholdGenuine = "genuine-threshold";

    /// <summary>
    /// A 3-of-5 election rehearsed by <c>ballotline simulate</c> (trustees 1–3 decrypt, 4 and 5 are absent; one
    /// challenged ballot; every ballot anchored on its own), and the forgeries only a threshold record allows.
    /// </summary>
    private static async Task RegenerateThresholdAsync()
    {
        var output = Directory.CreateTempSubdirectory("ballotline-corpus-threshold-");
        try
        {
            var (exit, stdout, stderr) = await CliProcess.RunAsync(new Dictionary<string, string?>(), "simulate", "--voters", "7", "--trustees", "5", "--quorum", "3",
                "--recording", "PerBallot", "--time-scale", "0", "--drop-off", "none", "--seed", "7", "--output", output.FullName);
            Assert.True(exit == 0 || stdout.Contains("Verdict: NO-GO", StringComparison.Ordinal), stdout + stderr); // 7 voters are too few for GO, by design
            var zip = await File.ReadAllBytesAsync(Path.Combine(output.FullName, "election_record.zip"));
            var announcement = (await File.ReadAllTextAsync(Path.Combine(output.FullName, "announcement.json"))).Trim();
            Write(ThresholdGenuine, zip, null, null, announcement);
            foreach (var (name, check, description, forge) in ThresholdForgeries())
            {
                Write(name, forge(zip), check, description, null, ThresholdGenuine);
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static IEnumerable<(string Name, string Check, string Description, Func<byte[], byte[]> Forge)> ThresholdForgeries()
    {
        yield return ("threshold-quorum-short", "tally.decryptions", "3-of-5: one of the three present trustees' decryptions removed, a quorum short by one", z => EditJson(z, "tally.json", n => n["decryptions"]!.AsArray().RemoveAt(2)));
        yield return ("threshold-share-from-absent-trustee", "tally.decryptions", "3-of-5: decryption shares added in the name of trustee 4, who was absent (copied from trustee 1)", z => EditJson(z, "tally.json", n =>
        {
            var copy = n["decryptions"]![0]!.DeepClone();
            copy["trusteeIndex"] = 4;
            n["decryptions"]!.AsArray().Add(copy);
        }));
        yield return ("threshold-share-relabelled", "tally.decryptions", "3-of-5: trustee 3's decryption relabelled as absent trustee 5's", z => EditJson(z, "tally.json", n => n["decryptions"]![2]!["trusteeIndex"] = 5));
        yield return ("threshold-commitments-exchanged", "context", "3-of-5: trustees 1 and 2 exchange their coefficient commitments and proofs", z => EditJson(z, "context.json", n =>
        {
            var commitments = n["commitments"]!.AsArray();
            (commitments[0]!["coefficients"], commitments[1]!["coefficients"]) = (commitments[1]!["coefficients"]!.DeepClone(), commitments[0]!["coefficients"]!.DeepClone());
            (commitments[0]!["proofs"], commitments[1]!["proofs"]) = (commitments[1]!["proofs"]!.DeepClone(), commitments[0]!["proofs"]!.DeepClone());
        }));
        yield return ("threshold-trustee-missing", "context", "3-of-5: trustee 5's commitment removed (it was absent at the count, but its key share is in the election key)", z => EditJson(z, "context.json", n => n["commitments"]!.AsArray().RemoveAt(4)));
    }

    private static void Write(string name, byte[] zip, string? check, string? description, string? announcement, string? genuine = null)
    {
        var directory = Path.Combine(Corpus, name);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "record.zip"), zip);
        if (check is not null)
        {
            var expected = new JsonObject { ["description"] = description, ["check"] = check };
            if (genuine is not null)
            {
                expected["genuine"] = genuine;
            }

            File.WriteAllText(Path.Combine(directory, "expected.json"), expected.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        if (announcement is not null)
        {
            File.WriteAllText(Path.Combine(directory, "announcement.json"), announcement + "\n");
        }
    }

    private static string ForgedAnnouncement(string genuine)
    {
        var announcement = JsonNode.Parse(genuine)!;
        announcement["contract"] = "0x" + new string('a', 40);
        return announcement.ToJsonString();
    }

    private static byte[] Edit(byte[] zip, string file, Func<string, string> change) => ElectionRecordVerifierTests.Tamper(zip, file, change);

    private static byte[] EditJson(byte[] zip, string file, Action<JsonNode> change) => Edit(zip, file, text =>
    {
        var node = JsonNode.Parse(text)!;
        change(node);
        return node.ToJsonString();
    });

    private static byte[] EditLines(byte[] zip, string file, Func<List<JsonNode>, List<JsonNode>> change) => Edit(zip, file, text =>
        string.Concat(change([.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)]).Select(n => n.ToJsonString() + "\n")));

    private static void Swap(JsonArray array, int i, int j) => (array[i], array[j]) = (array[j]!.DeepClone(), array[i]!.DeepClone());

    private static string SwapNames(string text) => text.Replace("\"Aurora\"", "\"@\"", StringComparison.Ordinal).Replace("\"Beacon\"", "\"Aurora\"", StringComparison.Ordinal).Replace("\"@\"", "\"Beacon\"", StringComparison.Ordinal);

    private static IEnumerable<(string Name, string Check, string Description, Func<byte[], byte[]> Forge)> Forgeries()
    {
        yield return ("ballot-proof-swapped", "ballots.proofs", "two responses of a selection proof swapped (its published commitments unchanged, so its hash still matches them: only the proof's equations fail)", z => EditLines(z, "ballots.jsonl", l =>
        {
            Swap(l[0]["ballot"]!["contests"]![0]!["selections"]![0]!["proof"]!["responses"]!.AsArray(), 0, 1);
            return l;
        }));
        yield return ("ballot-from-another-election", "ballots.proofs", "a ballot whose context hash is another election's", z => EditLines(z, "ballots.jsonl", l =>
        {
            l[1]["ballot"]!["contextHash"] = new string('0', 64);
            return l;
        }));
        yield return ("ballot-removed", "ledger.roots", "the last cast ballot deleted from the log", z => EditLines(z, "ballots.jsonl", l => l[..^1]));
        yield return ("ballots-reordered", "ledger.roots", "two ballots exchanged, positions renumbered", z => EditLines(z, "ballots.jsonl", l =>
        {
            (l[0], l[1]) = (l[1], l[0]);
            (l[0]["logIndex"], l[1]["logIndex"]) = (0, 1);
            return l;
        }));
        yield return ("ballot-duplicated", "ballots.tracking-codes", "a ballot cast twice at consecutive positions", z => EditLines(z, "ballots.jsonl", l =>
        {
            var copy = l[^1].DeepClone();
            copy["logIndex"] = l.Count;
            return [.. l, copy];
        }));
        yield return ("tracking-code-wrong", "ballots.tracking-codes", "a tracking code that is not its ballot's hash", z => EditLines(z, "ballots.jsonl", l =>
        {
            l[2]["trackingCode"] = new string('a', 64);
            return l;
        }));
        yield return ("log-gap", "ballots.log-positions", "a position skipped", z => EditLines(z, "ballots.jsonl", l =>
        {
            l[2]["logIndex"] = 7;
            return l;
        }));
        yield return ("anchor-root-altered", "ledger.roots", "an anchored root that is not the log's", z => EditJson(z, "ledger.json", n => n["anchors"]![0]!["root"] = new string('b', 64)));
        yield return ("anchor-size-shrinks", "ledger.roots", "an anchor listed after a larger one: the log shrank", z => EditJson(z, "ledger.json", n => Swap(n["anchors"]!.AsArray(), 0, 1)));
        yield return ("root-for-wrong-size", "ledger.roots", "two anchors' roots exchanged: each root is for the other size", z => EditJson(z, "ledger.json", n =>
        {
            var anchors = n["anchors"]!.AsArray();
            (anchors[0]!["root"], anchors[1]!["root"]) = (anchors[1]!["root"]!.DeepClone(), anchors[0]!["root"]!.DeepClone());
        }));
        yield return ("unclosed", "ledger.close", "the close removed from the record", z => EditJson(z, "ledger.json", n => n["anchors"]!.AsArray().RemoveAt(n["anchors"]!.AsArray().Count - 1)));
        yield return ("anchor-not-final", "ledger.close", "an anchor that is only submitted, not final", z => EditJson(z, "ledger.json", n => n["anchors"]![0]!["status"] = "Submitted"));
        yield return ("close-short", "ledger.close", "the close claims fewer ballots than the log holds", z => EditJson(z, "ledger.json", n =>
        {
            var anchors = n["anchors"]!.AsArray();
            var earlier = anchors.First(a => a!["treeSize"]!.GetValue<long>() < anchors[^1]!["treeSize"]!.GetValue<long>())!;
            anchors[^1]!["treeSize"] = earlier["treeSize"]!.GetValue<long>();
            anchors[^1]!["root"] = earlier["root"]!.DeepClone();
        }));
        yield return ("commitment-swapped", "context", "the trustee's commitment replaced by the generator", z => EditJson(z, "context.json", n =>
            n["commitments"]![0]!["coefficients"]![0] = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"));
        yield return ("context-hash-claimed", "context", "a context hash the manifest and commitments do not give", z => EditJson(z, "context.json", n => n["contextHash"] = new string('c', 64)));
        yield return ("quorum-changed", "context", "a quorum the key was not made for", z => EditJson(z, "context.json", n => n["quorum"] = 2));
        yield return ("trustees-changed", "context", "a trustee count the key was not made for", z => EditJson(z, "context.json", n => n["trustees"] = 3));
        yield return ("names-swapped-everywhere", "context", "two candidates' names swapped in the manifest, contests.json and result.json", z =>
            ElectionRecordVerifierTests.TamperFiles(z, files =>
            {
                foreach (var name in new[] { "manifest.json", "contests.json", "result.json" })
                {
                    files[name] = SwapNames(files[name]);
                }
            }));
        yield return ("tally-totals-altered", "tally.encrypted-totals", "two encrypted totals exchanged", z => EditJson(z, "tally.json", n => Swap(n["encryptedTotals"]!.AsArray(), 0, 1)));
        yield return ("tally-count-changed", "tally.decryptions", "a count raised in tally.json and result.json", z => ElectionRecordVerifierTests.TamperFiles(z, files =>
        {
            var tally = JsonNode.Parse(files["tally.json"])!;
            tally["counts"]![0] = tally["counts"]![0]!.GetValue<long>() + 1;
            files["tally.json"] = tally.ToJsonString();
        }));
        yield return ("decryption-share-altered", "tally.decryptions", "two decryption shares exchanged", z => EditJson(z, "tally.json", n => Swap(n["decryptions"]![0]!["shares"]!.AsArray(), 0, 1)));
        yield return ("quorum-short", "tally.decryptions", "the only trustee's decryption removed: a quorum short by one", z => EditJson(z, "tally.json", n => n["decryptions"]!.AsArray().Clear()));
        yield return ("positions-relabelled", "tally.positions", "two positions exchanged in tally.json with their votes in result.json: the winner relabelled", z => ElectionRecordVerifierTests.TamperFiles(z, files =>
        {
            var tally = JsonNode.Parse(files["tally.json"])!;
            Swap(tally["positions"]!.AsArray(), 0, 1);
            files["tally.json"] = tally.ToJsonString();
            var result = JsonNode.Parse(files["result.json"])!;
            var candidates = result["contests"]![0]!["candidates"]!.AsArray();
            (candidates[0]!["votes"], candidates[1]!["votes"]) = (candidates[1]!["votes"]!.DeepClone(), candidates[0]!["votes"]!.DeepClone());
            files["result.json"] = result.ToJsonString();
        }));
        yield return ("result-count-changed", "result", "a published count that is not the decrypted one", z => EditJson(z, "result.json", n => n["contests"]![0]!["candidates"]![1]!["votes"] = 9));
        yield return ("result-candidate-deleted", "result", "a candidate missing from the result", z => EditJson(z, "result.json", n => n["contests"]![0]!["candidates"]!.AsArray().RemoveAt(2)));
        yield return ("result-candidate-added", "result", "an extra candidate in the result", z => EditJson(z, "result.json", n =>
            n["contests"]![0]!["candidates"]!.AsArray().Add(new JsonObject { ["id"] = "dark-horse", ["name"] = "Dark Horse", ["votes"] = 0 })));
        yield return ("result-ballots-changed", "result", "a ballot count that is not the tally's", z => EditJson(z, "result.json", n => n["ballots"] = 40));
        yield return ("names-swapped", "result", "two names swapped in contests.json and result.json", z => ElectionRecordVerifierTests.TamperFiles(z, files =>
        {
            files["contests.json"] = SwapNames(files["contests.json"]);
            files["result.json"] = SwapNames(files["result.json"]);
        }));
        yield return ("spoiled-also-counted", "spoiled", "a challenged ballot appended to the cast ballots", z => ElectionRecordVerifierTests.TamperFiles(z, files =>
        {
            var spoiled = JsonNode.Parse(files["spoiled.jsonl"].Split('\n')[0])!;
            var lines = files["ballots.jsonl"].Split('\n', StringSplitOptions.RemoveEmptyEntries);
            files["ballots.jsonl"] = files["ballots.jsonl"] + new JsonObject { ["logIndex"] = lines.Length, ["trackingCode"] = spoiled["trackingCode"]!.DeepClone(), ["ballot"] = spoiled["ballot"]!.DeepClone() }.ToJsonString() + "\n";
        }));
        yield return ("spoiled-opens-otherwise", "spoiled", "a challenged ballot published as opening to another choice", z => EditLines(z, "spoiled.jsonl", l =>
        {
            l[0]["selections"] = new JsonObject { ["project-name"] = new JsonArray("aurora") };
            return l;
        }));
        yield return ("duplicate-zip-entry", "record.files", "a second result.json after the genuine one", z => ElectionRecordVerifierTests.TamperFiles(z, _ => { }, duplicateEntry: "result.json"));
        yield return ("extra-file", "record.files", "a file the record does not have", z => ElectionRecordVerifierTests.TamperFiles(z, files => files["notes.txt"] = "trust me"));
        yield return ("unlisted-file", "record.files", "result.json removed from record.json's index", z => ElectionRecordVerifierTests.TamperFiles(z, files =>
        {
            var index = JsonNode.Parse(files["record.json"])!;
            index["files"]!.AsObject().Remove("result.json");
            files["record.json"] = index.ToJsonString();
        }));
        yield return ("edited-not-rehashed", "record.files", "result.json edited without updating its hash", z => Unhashed(z, "result.json", t => t.Replace("\"votes\": 2", "\"votes\": 3", StringComparison.Ordinal)));
        yield return ("record-version-unknown", "record.version", "record.json names a format no verifier knows", z => ElectionRecordVerifierTests.TamperFiles(z, files =>
        {
            var index = JsonNode.Parse(files["record.json"])!;
            index["version"] = "ballotline/election-record/v9";
            files["record.json"] = index.ToJsonString();
        }));
        yield return ("ledger-undocumented-field", "ledger.roots", "ledger.json with a field the format does not have", z => EditJson(z, "ledger.json", n => n["note"] = "trust me"));
        yield return ("result-votes-as-text", "result", "a count written as text", z => EditJson(z, "result.json", n => n["contests"]![0]!["candidates"]![0]!["votes"] = "1"));
        yield return ("ballot-commitments-exchanged", "ballots.proofs", "v4: a valid ballot published with another ballot's commitments for one of its proofs (the ballots themselves unchanged)", z => EditLines(z, "ballots.jsonl", l =>
        {
            l[0]["commitments"]![0] = l[1]["commitments"]![0]!.DeepClone();
            return l;
        }));
        yield return ("ballot-commitments-removed", "ballots.proofs", "v4: one ballot line without its proofs' commitments", z => EditLines(z, "ballots.jsonl", l =>
        {
            l[2].AsObject().Remove("commitments");
            return l;
        }));
        yield return ("record-v4-relabelled-v3", "ballots.proofs", "a v4 record relabelled v3: its ballot lines carry commitments a v3 record does not have", z =>
            EditJson(z, "record.json", n => n["version"] = "ballotline/election-record/v3"));
        yield return ("announcement-other-contract", "announcement", "checked against an announcement naming another contract (the record points at a contract that was not announced)", z => z);
    }

    /// <summary>A file edited in the zip without touching record.json: only the hash check can see it.</summary>
    private static byte[] Unhashed(byte[] zip, string file, Func<string, string> change)
    {
        using var output = new MemoryStream();
        using (var input = new ZipArchive(new MemoryStream(zip)))
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                using var writer = new StreamWriter(archive.CreateEntry(entry.Name).Open(), new UTF8Encoding(false));
                writer.Write(entry.Name == file ? change(text) : text);
            }
        }

        return output.ToArray();
    }
}
