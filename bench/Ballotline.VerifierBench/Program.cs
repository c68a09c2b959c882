using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Tally;
using Ballotline.Crypto.Trustees;
using Ballotline.Verifier;

// dotnet run -c Release --project bench/Ballotline.VerifierBench
// Writes a synthetic election record (1-of-5 ballots, 3-of-5 trustees with two absent, an anchor every 100
// ballots) for 200 and 10,000 voters in the documented format — as v3 (proofs alone) and v4 (each proof's
// commitments beside it) — then times `ballotline-verify`'s checks on each (the chain check is skipped: there is
// no chain). Throughput is in ballots per second on this machine's cores.
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(invariant, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
foreach (var voters in new[] { 200, 10_000 })
{
    var directory = Path.Combine(Path.GetTempPath(), "ballotline-verifier-bench", voters.ToString(invariant));
    var writing = Stopwatch.StartNew();
    WriteRecord(directory, voters);
    Console.WriteLine(string.Create(invariant, $"{voters} ballots: record written in {writing.Elapsed.TotalSeconds:0.0} s"));
    // The same ballots as a v3 record (proofs checked one by one) and a v4 record (commitments published beside
    // the proofs, checked in batches), alternated so that both see the same machine.
    for (var run = 1; run <= 2; run++)
    {
        foreach (var version in new[] { "v3", "v4" })
        {
            using var source = await RecordSource.OpenAsync(Path.Combine(directory, version), CancellationToken.None);
            var clock = Stopwatch.StartNew();
            var checks = await new ElectionRecordVerifier(source, null).VerifyAsync(CancellationToken.None);
            var seconds = clock.Elapsed.TotalSeconds;
            var failed = checks.Where(c => !c.Passed).Select(c => c.Name).ToList();
            Console.WriteLine(string.Create(invariant, $"  run {run}, {version} record: verified in {seconds:0.00} s = {voters / seconds:0} ballots/s; {(failed.Count == 0 ? "all checks passed" : "FAILED " + string.Join(", ", failed))}"));
        }
    }
}

static void WriteRecord(string directory, int voters)
{
    string[] names = ["Ann", "Ben", "Cat", "Dan", "Eve"];
    var manifest = new ElectionManifest("bench", [new ContestDescription("mayor", ["ann", "ben", "cat", "dan", "eve"], 1, 1)])
    {
        Labels = new ManifestLabels("Benchmark election", [new ContestLabels("Mayor", names)]),
    };
    var baseHash = ElectionContext.ComputeBaseHash(manifest, 5, 3);
    var polynomials = Enumerable.Range(1, 5).Select(i => TrusteePolynomial.Generate(i, 3)).ToList();
    var commitments = polynomials.Select(p => p.Commit(baseHash)).ToArray();
    var context = KeyCeremony.CreateContext(manifest, 5, 3, commitments);
    var keys = Enumerable.Range(1, 5).Select(l => KeyCeremony.CombineShares(l, commitments, polynomials.Select((p, i) => (i + 1, p.ShareFor(l))).ToDictionary(x => x.Item1, x => x.Item2))).ToList();

    string[] candidates = ["ann", "ben", "cat", "dan", "eve"];
    var ballots = new EncryptedBallot[voters];
    Parallel.For(0, voters, i => ballots[i] = BallotEncryptor.Encrypt(context, PlaintextBallot.ForContest("mayor", candidates[i % 5])).Ballot);
    var tally = new EncryptedTally(manifest);
    foreach (var b in ballots)
    {
        tally.Add(b);
    }

    var present = new[] { keys[0], keys[2], keys[4] }; // trustees 2 and 4 absent
    var result = TallyDecryptor.Decrypt(context, commitments, tally, [.. present.Select(k => k.Decrypt(context, tally.Ciphertexts()))]);

    var lines = new StringBuilder();
    var linesWithCommitments = new StringBuilder();
    var leaves = new List<byte[]>();
    var proofCommitments = new IReadOnlyList<byte[]>[voters];
    Parallel.For(0, voters, i => proofCommitments[i] = BallotVerifier.ProofCommitments(context, ballots[i]));
    for (var i = 0; i < voters; i++)
    {
        var code = ballots[i].TrackingCode.FullHex;
        leaves.Add(MerkleRoots.Leaf(Convert.FromHexString(code)));
        var line = new JsonObject { ["logIndex"] = i, ["trackingCode"] = code, ["ballot"] = JsonNode.Parse(CryptoJson.Serialize(ballots[i])) };
        lines.Append(line.ToJsonString()).Append('\n');
        line["commitments"] = new JsonArray([.. proofCommitments[i].Select(c => (JsonNode)Convert.ToHexStringLower(c))]);
        linesWithCommitments.Append(line.ToJsonString()).Append('\n');
    }

    var anchors = new JsonArray();
    for (var size = Math.Min(100, voters); size <= voters; size = size == voters ? voters + 1 : Math.Min(voters, size + 100))
    {
        anchors.Add(new JsonObject { ["kind"] = size == voters ? "Close" : "Anchor", ["status"] = "Final", ["treeSize"] = size, ["root"] = Convert.ToHexStringLower(MerkleRoots.Root(leaves, size)), ["transactionHash"] = "0x" + new string('0', 64), ["blockNumber"] = 1 });
    }

    var files = new Dictionary<string, string>
    {
        ["manifest.json"] = CryptoJson.Serialize(manifest),
        ["context.json"] = new JsonObject { ["trustees"] = 5, ["quorum"] = 3, ["contextHash"] = context.ExtendedHashHex, ["commitments"] = JsonNode.Parse(CryptoJson.Serialize(commitments)) }.ToJsonString(),
        ["ballots.jsonl"] = lines.ToString(),
        ["spoiled.jsonl"] = string.Empty,
        ["ledger.json"] = new JsonObject { ["chainId"] = 1, ["chainName"] = "benchmark", ["contract"] = "0x" + new string('0', 40), ["electionId"] = context.ExtendedHashHex, ["anchors"] = anchors, ["lost"] = new JsonArray() }.ToJsonString(),
        ["contests.json"] = new JsonArray(new JsonObject
        {
            ["id"] = "mayor",
            ["title"] = "Mayor",
            ["candidates"] = new JsonArray([.. candidates.Select((c, i) => new JsonObject { ["id"] = c, ["name"] = names[i] })]),
            ["minSelections"] = 1,
            ["maxSelections"] = 1,
        }).ToJsonString(),
        ["tally.json"] = CryptoJson.Serialize(result),
        ["result.json"] = new JsonObject
        {
            ["ballots"] = result.BallotCount,
            ["contests"] = new JsonArray(new JsonObject { ["id"] = "mayor", ["title"] = "Mayor", ["candidates"] = new JsonArray([.. candidates.Select((c, i) => new JsonObject { ["id"] = c, ["name"] = names[i], ["votes"] = result.CountFor("mayor", c) })]) }),
        }.ToJsonString(),
    };
    Write(Path.Combine(directory, "v3"), RecordFiles.VersionWithoutCommitments, files);
    files["ballots.jsonl"] = linesWithCommitments.ToString();
    Write(Path.Combine(directory, "v4"), RecordFiles.Version, files);
}

static void Write(string directory, string version, Dictionary<string, string> files)
{
    Directory.CreateDirectory(directory);
    foreach (var (name, text) in files)
    {
        File.WriteAllText(Path.Combine(directory, name), text);
    }

    var index = new JsonObject
    {
        ["version"] = version,
        ["election"] = new JsonObject { ["slug"] = "bench", ["title"] = "Benchmark election", ["isTest"] = true },
        ["files"] = new JsonObject(files.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(f.Value))))))),
    };
    File.WriteAllText(Path.Combine(directory, "record.json"), index.ToJsonString());
}
