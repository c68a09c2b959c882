using System.Text.Json;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Tally;
using Ballotline.Crypto.Trustees;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Results;

/// <summary>
/// Computes the homomorphic tally of an election's ballot box (streamed, in log order), decrypts the totals
/// with the trustee key and its proofs, checks the result verifies, and stores it on the election.
/// </summary>
public sealed class TallyService(BallotlineDb db, ElectionCrypto crypto, TimeProvider clock)
{
    /// <summary>The homomorphic product of the ballot box, in log order: what the trustees decrypt.</summary>
    public async Task<EncryptedTally> EncryptedTallyAsync(Election election, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(election);
        var tally = new EncryptedTally(crypto.Context(election).Manifest);
        await foreach (var json in db.BallotBox.Where(b => b.ElectionId == election.Id).OrderBy(b => b.LogIndex).Select(b => b.BallotJson).AsAsyncEnumerable().WithCancellation(ct))
        {
            tally.Add(CryptoJson.Deserialize<EncryptedBallot>(json));
        }

        return tally;
    }

    /// <param name="election">The closed election.</param>
    /// <param name="key">With one trustee, the key opened with the organiser's passphrase; null with k-of-n (the trustees' shares decrypt).</param>
    /// <param name="ct">Cancels the tally.</param>
    public async Task TallyAsync(Election election, Ballotline.Crypto.Trustees.TrusteeKey? key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(election);
        var context = crypto.Context(election);
        var commitments = crypto.Commitments(election);
        var tally = await EncryptedTallyAsync(election, ct);
        IReadOnlyList<PartialDecryption> partials = key is not null
            ? [key.Decrypt(context, tally.Ciphertexts())]
            : await Ceremony.TrusteeCeremony.AcceptedDecryptionsAsync(db, election.Id, ct);
        TallyResult result;
        try
        {
            result = TallyDecryptor.Decrypt(context, commitments, tally, partials);
        }
        catch (TrusteeException e)
        {
            throw DomainException.Conflict("awaiting-trustees", $"The tally cannot be decrypted yet ({e.Check}): {e.Message}");
        }

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
