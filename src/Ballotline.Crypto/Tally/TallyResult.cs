using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Trustees;

namespace Ballotline.Crypto.Tally;

/// <summary>
/// A decrypted tally with everything needed to re-check it: the encrypted totals, the trustees' partial
/// decryptions with proofs, and the counts per candidate.
/// </summary>
public sealed record TallyResult(
    long BallotCount,
    IReadOnlyList<TallyPosition> Positions,
    IReadOnlyList<ElGamalCiphertext> EncryptedTotals,
    IReadOnlyList<PartialDecryption> Decryptions,
    IReadOnlyList<long> Counts)
{
    /// <summary>The decrypted count of a candidate in a contest.</summary>
    public long CountFor(string contestId, string candidateId)
    {
        for (var i = 0; i < Positions.Count; i++)
        {
            if (string.Equals(Positions[i].ContestId, contestId, StringComparison.Ordinal) && string.Equals(Positions[i].CandidateId, candidateId, StringComparison.Ordinal))
            {
                return Counts[i];
            }
        }

        throw new KeyNotFoundException($"No candidate '{candidateId}' in contest '{contestId}'.");
    }
}
