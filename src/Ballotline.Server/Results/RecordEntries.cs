using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Results;

/// <summary>The parts both forms of the election record publish identically (JSON v1, zip v2).</summary>
internal static class RecordEntries
{
    /// <summary>The election, once it is tallied: a record is published only then.</summary>
    public static async Task<Election> TalliedAsync(ElectionService elections, string slug, CancellationToken ct)
    {
        var election = await elections.GetBySlugAsync(slug, ct);
        return election.State == ElectionState.Tallied
            ? election
            : throw DomainException.Conflict("not-tallied", "The election record is published once the election is tallied.");
    }

    /// <summary>Every cast ballot in log order with its tracking code; no cast time, no voter.</summary>
    public static async IAsyncEnumerable<JsonObject> BallotsAsync(BallotlineDb db, Guid electionId, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var b in db.BallotBox.AsNoTracking().Where(b => b.ElectionId == electionId).OrderBy(b => b.LogIndex).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new JsonObject { ["logIndex"] = b.LogIndex, ["trackingCode"] = b.TrackingCode, ["ballot"] = JsonNode.Parse(b.BallotJson) };
        }
    }

    /// <summary>Challenged ballots, with the nonces that open them and what they contained: never counted, checkable by anyone.</summary>
    public static async IAsyncEnumerable<JsonObject> SpoiledAsync(BallotlineDb db, Guid electionId, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var b in db.SpoiledBallots.AsNoTracking().Where(b => b.ElectionId == electionId).OrderBy(b => b.TrackingCode).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new JsonObject
            {
                ["trackingCode"] = b.TrackingCode,
                ["ballot"] = JsonNode.Parse(b.BallotJson),
                ["nonces"] = JsonNode.Parse(b.NoncesJson),
                ["selections"] = JsonNode.Parse(b.SelectionsJson),
            };
        }
    }
}
