using System.Text.Json;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Tally;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Results;

/// <summary>
/// Computes the homomorphic tally of an election's ballot box (streamed, in log order), decrypts the totals
/// with the trustee key and its proofs, checks the result verifies, and stores it on the election.
/// </summary>
public sealed class TallyService(BallotlineDb db, ElectionCrypto crypto, TimeProvider clock)
{
    public async Task TallyAsync(Election election, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(election);
        var context = crypto.Context(election);
        var commitments = crypto.Commitments(election);
        var tally = new EncryptedTally(context.Manifest);
        await foreach (var json in db.BallotBox.Where(b => b.ElectionId == election.Id).OrderBy(b => b.LogIndex).Select(b => b.BallotJson).AsAsyncEnumerable().WithCancellation(ct))
        {
            tally.Add(CryptoJson.Deserialize<EncryptedBallot>(json));
        }

        var partial = crypto.TrusteeKey(election).Decrypt(context, tally.Ciphertexts());
        var result = TallyDecryptor.Decrypt(context, commitments, tally, [partial]);
        var groupSize = await db.PilotVoters.CountAsync(v => v.ElectionId == election.Id, ct);
        var registered = await db.PilotVoters.CountAsync(v => v.ElectionId == election.Id && v.RegisteredAt != null, ct);
        var contests = election.Contests.Select(c => new ContestResult(c.Id, c.Title,
            [.. c.Candidates.Select(x => new CandidateResult(x.Id, x.Name, result.CountFor(c.Id, x.Id)))])).ToArray();
        election.ResultJson = JsonSerializer.Serialize(new ElectionResult(result.BallotCount, groupSize, registered, contests, CryptoJson.Serialize(result)), JsonSerializerOptions.Web);
        election.TalliedAt = clock.GetUtcNow();
    }

    public static ElectionResult? Read(Election election) =>
        election?.ResultJson is null ? null : JsonSerializer.Deserialize<ElectionResult>(election.ResultJson, JsonSerializerOptions.Web);
}
