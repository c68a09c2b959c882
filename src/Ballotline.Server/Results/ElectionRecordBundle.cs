using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Serialization;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Ballotline.Server.Results;

/// <summary>
/// The published election record as a zip of plain files (docs/election-record.md): everything an independent
/// verifier needs to re-check the result without trusting Ballotline — the manifest, the cryptographic context
/// and trustees' commitments, every cast ballot with its proofs, the spoiled ballots with their openings, the
/// ballot log's anchors on the chain, the encrypted tally with its decryption proofs, and the result.
/// <c>record.json</c> lists every other file with its SHA-256, so the record's hash pins all of it.
/// </summary>
public sealed class ElectionRecordBundle(BallotlineDb db, ElectionService elections, ElectionCrypto crypto, LedgerStatusService ledger, ChainConnection chain, IMemoryCache cache)
{
    /// <summary>
    /// v4: the manifest carries the titles and names, bound into its hash (v3), and each ballot line its proofs'
    /// commitments, so that a verifier checks the proofs in batches. Elections keyed before v3 publish v2.
    /// </summary>
    public const string Version = "ballotline/election-record/v4";

    public const string VersionWithoutLabels = "ballotline/election-record/v2";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public async Task WriteZipAsync(string slug, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var election = await RecordEntries.TalliedAsync(elections, slug, ct);
        var result = TallyService.Read(election)!;
        var labelled = election.ManifestJson!.Contains("\"labels\"", StringComparison.Ordinal);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["manifest.json"] = Encoding.UTF8.GetBytes(election.ManifestJson!),
            ["contests.json"] = Encoding.UTF8.GetBytes(election.ContestsJson),
            ["context.json"] = Bytes(new JsonObject
            {
                ["trustees"] = election.TrusteeCount,
                ["quorum"] = election.Quorum,
                ["contextHash"] = election.ContextHash,
                ["commitments"] = JsonNode.Parse(election.CommitmentsJson!),
            }),
            ["tally.json"] = TallyBytes(result),
            ["result.json"] = ResultBytes(result),
            ["ledger.json"] = await LedgerAsync(election, ct),
            ["ballots.jsonl"] = await cache.GetOrCreateAsync($"record-ballots/{election.Id}/{election.BallotCount}/{labelled}", entry =>
            {
                // Tallied, so closed: no ballot can join. Kept while downloads keep coming, then dropped.
                entry.SlidingExpiration = TimeSpan.FromMinutes(30);
                return BallotLinesAsync(election, labelled, ct);
            }) ?? [],
            ["spoiled.jsonl"] = await LinesAsync(RecordEntries.SpoiledAsync(db, election.Id, ct)),
        };
        var index = new JsonObject
        {
            ["version"] = labelled ? Version : VersionWithoutLabels,
            ["election"] = new JsonObject { ["slug"] = election.Slug, ["title"] = election.Title, ["isTest"] = election.IsTest },
            ["files"] = new JsonObject(files.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(Convert.ToHexStringLower(SHA256.HashData(f.Value)))))),
        };

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in files.Prepend(KeyValuePair.Create("record.json", Bytes(index))))
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            await using var stream = await entry.OpenAsync(ct);
            await stream.WriteAsync(bytes, ct);
        }
    }

    private async Task<byte[]> LedgerAsync(Election election, CancellationToken ct)
    {
        var deployment = await LedgerDeployment.ActiveAsync(db.LedgerDeployments.AsNoTracking(), chain.Options.ChainId, ct);
        var all = await ledger.AnchorsAsync(election.Id, ct);
        var anchors = all
            .Where(a => a.Kind != AnchorKind.Open && a.Status != AnchorStatus.Failed && a.Status != AnchorStatus.Lost)
            .Select(a => new JsonObject
            {
                ["kind"] = a.Kind.ToString(),
                ["status"] = a.Status.ToString(),
                ["treeSize"] = a.TreeSize,
                ["root"] = a.Root,
                ["transactionHash"] = a.TransactionHash,
                ["blockNumber"] = a.BlockNumber,
            });
        return Bytes(new JsonObject
        {
            ["chainId"] = chain.Options.ChainId,
            ["chainName"] = chain.Options.DisplayName,
            ["contract"] = deployment?.ContractAddress,
            ["electionId"] = election.ContextHash,
            ["anchors"] = new JsonArray([.. anchors]),

            // History, not evidence: anchors the chain no longer holds (a node reset, a deep reorg), and why. The
            // ballots they covered are anchored again on the contract above after the operator's recovery.
            ["lost"] = new JsonArray([.. all.Where(a => a.Status == AnchorStatus.Lost).Select(a => new JsonObject
            {
                ["kind"] = a.Kind.ToString(),
                ["treeSize"] = a.TreeSize,
                ["root"] = a.Root,
                ["contract"] = a.ContractAddress,
                ["transactionHash"] = a.TransactionHash,
                ["reason"] = a.FailureReason,
            })]),
        });
    }

    /// <summary>
    /// ballots.jsonl; in v4 each line also carries its proofs' commitments, recomputed here from the stored ballot
    /// (libsecp256k1, every core: ~1.5 ms of CPU per 1-of-5 ballot) in the order docs/election-record.md gives —
    /// once per election and server instance while the record is being downloaded (cached by the caller).
    /// </summary>
    private async Task<byte[]> BallotLinesAsync(Election election, bool withCommitments, CancellationToken ct)
    {
        var entries = await RecordEntries.BallotsAsync(db, election.Id, ct).ToListAsync(ct);
        if (withCommitments)
        {
            var context = crypto.Context(election);
            Parallel.ForEach(entries, new ParallelOptions { CancellationToken = ct }, entry =>
            {
                var ballot = CryptoJson.DeserializeBallot(entry["ballot"]!.ToJsonString());
                entry["commitments"] = new JsonArray([.. BallotVerifier.ProofCommitments(context, ballot).Select(c => (JsonNode)Convert.ToHexStringLower(c))]);
            });
        }

        return Lines(entries);
    }

    private static byte[] Lines(IEnumerable<JsonObject> entries)
    {
        using var lines = new MemoryStream();
        foreach (var entry in entries)
        {
            Line(lines, entry);
        }

        return lines.ToArray();
    }

    private static async Task<byte[]> LinesAsync(IAsyncEnumerable<JsonObject> entries) => Lines(await entries.ToListAsync());

    private static void Line(Stream lines, JsonNode node)
    {
        lines.Write(Encoding.UTF8.GetBytes(node.ToJsonString(CryptoJson.Options)));
        lines.WriteByte((byte)'\n');
    }

    private static byte[] TallyBytes(ElectionResult result) => Encoding.UTF8.GetBytes(result.TallyJson);

    private static byte[] ResultBytes(ElectionResult result) => Bytes(new JsonObject
    {
        ["ballots"] = result.Ballots,
        ["contests"] = JsonSerializer.SerializeToNode(result.Contests.Select(c => new { c.Id, c.Title, Candidates = c.Candidates.Select(x => new { x.Id, x.Name, x.Votes }) }), Json),
    });

    /// <summary>
    /// The close statement the contract's <c>ElectionClosed</c> event carries as its <c>resultHash</c>: one hash that
    /// commits, on the chain, to what the record publishes besides the ballot log — the challenged ballots (a Merkle
    /// root of their tracking codes, so removing one from <c>spoiled.jsonl</c> no longer matches), the tally and the
    /// result, exactly as the record's files hold them (docs/election-record.md, "The close statement"):
    /// H(<c>ballotline/v1/close</c>, bytes context hash, int64 ballots, bytes log root, int64 spoiled ballots, bytes
    /// spoiled root, bytes SHA-256(tally.json), bytes SHA-256(result.json)).
    /// </summary>
    public static async Task<byte[]> CloseStatementAsync(BallotlineDb db, BallotLog log, Election election, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(election);
        var result = TallyService.Read(election) ?? throw new InvalidOperationException("The election is not tallied: there is nothing to close with.");
        var size = election.BallotCount;
        var spoiled = await db.SpoiledBallots.AsNoTracking().Where(b => b.ElectionId == election.Id).OrderBy(b => b.TrackingCode)
            .Select(b => b.TrackingCode).ToListAsync(ct);
        var spoiledLeaves = spoiled.Select(code => Ballotline.Ledger.Log.MerkleTree.LeafHash(Convert.FromHexString(code))).ToList();
        return new Ballotline.Crypto.Group.Transcript("ballotline/v1/close")
            .Bytes(Convert.FromHexString(election.ContextHash!))
            .Number(size)
            .Bytes(await log.RootAsync(election.Id, size, ct))
            .Number(spoiled.Count)
            .Bytes(Ballotline.Ledger.Log.MerkleTree.Root(spoiledLeaves, spoiledLeaves.Count))
            .Bytes(SHA256.HashData(TallyBytes(result)))
            .Bytes(SHA256.HashData(ResultBytes(result)))
            .Digest();
    }

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString(Json) + "\n");
}
