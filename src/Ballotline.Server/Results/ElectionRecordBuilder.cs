using System.Text.Json.Nodes;
using Ballotline.Crypto.Serialization;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
        var election = await elections.GetBySlugAsync(slug, ct);
        if (election.State != ElectionState.Tallied)
        {
            throw DomainException.Conflict("not-tallied", "The election record is published once the election is tallied.");
        }

        var ballots = new JsonArray();
        await foreach (var b in db.BallotBox.AsNoTracking().Where(b => b.ElectionId == election.Id).OrderBy(b => b.LogIndex).AsAsyncEnumerable().WithCancellation(ct))
        {
            ballots.Add(new JsonObject { ["logIndex"] = b.LogIndex, ["trackingCode"] = b.TrackingCode, ["ballot"] = JsonNode.Parse(b.BallotJson) });
        }

        // Challenged ballots, with the nonces that open them and what they contained: never counted, checkable by anyone.
        var spoiled = new JsonArray();
        await foreach (var b in db.SpoiledBallots.AsNoTracking().Where(b => b.ElectionId == election.Id).OrderBy(b => b.TrackingCode).AsAsyncEnumerable().WithCancellation(ct))
        {
            spoiled.Add(new JsonObject
            {
                ["trackingCode"] = b.TrackingCode,
                ["ballot"] = JsonNode.Parse(b.BallotJson),
                ["nonces"] = JsonNode.Parse(b.NoncesJson),
                ["selections"] = JsonNode.Parse(b.SelectionsJson),
            });
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
