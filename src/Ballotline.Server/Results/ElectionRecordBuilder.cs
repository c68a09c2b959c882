using System.Text.Json.Nodes;
using Ballotline.Crypto.Serialization;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;

namespace Ballotline.Server.Results;

/// <summary>
/// The election record (JSON): manifest, trustee commitments, context hash, every ballot in log order with
/// its tracking code, the challenged (spoiled) ballots with their openings, and the tally with its decryption
/// proofs. Enough to re-check the result independently.
/// </summary>
public sealed class ElectionRecordBuilder(BallotlineDb db, ElectionService elections)
{
    public const string Version = "ballotline/election-record/v1";

    public async Task<string> BuildJsonAsync(string slug, CancellationToken ct)
    {
        var election = await RecordEntries.TalliedAsync(elections, slug, ct);
        var ballots = new JsonArray();
        await foreach (var entry in RecordEntries.BallotsAsync(db, election.Id, ct))
        {
            ballots.Add(entry);
        }

        var spoiled = new JsonArray();
        await foreach (var entry in RecordEntries.SpoiledAsync(db, election.Id, ct))
        {
            spoiled.Add(entry);
        }

        var result = TallyService.Read(election)!;
        var record = new JsonObject
        {
            ["version"] = Version,
            ["election"] = new JsonObject { ["slug"] = election.Slug, ["title"] = election.Title, ["isTest"] = election.IsTest },
            ["contests"] = JsonNode.Parse(election.ContestsJson),
            ["manifest"] = JsonNode.Parse(election.ManifestJson!),
            ["trustees"] = election.TrusteeCount,
            ["quorum"] = election.Quorum,
            ["commitments"] = JsonNode.Parse(election.CommitmentsJson!),
            ["contextHash"] = election.ContextHash,
            ["ballots"] = ballots,
            ["spoiledBallots"] = spoiled,
            ["tally"] = JsonNode.Parse(result.TallyJson),
        };
        return record.ToJsonString(CryptoJson.IndentedOptions);
    }
}
