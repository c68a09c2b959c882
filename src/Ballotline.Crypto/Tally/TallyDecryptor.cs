using Ballotline.Crypto.Election;
using Ballotline.Crypto.Trustees;

namespace Ballotline.Crypto.Tally;

/// <summary>Decrypts an encrypted tally from the trustees' partial decryptions (any quorum of them).</summary>
public static class TallyDecryptor
{
    /// <summary>Combines the trustees' partial decryptions of every encrypted total (see ThresholdDecryption) and recovers each count, at most the number of ballots.</summary>
    public static TallyResult Decrypt(
        ElectionContext context, IReadOnlyList<TrusteeCommitment> commitments, EncryptedTally tally, IReadOnlyList<PartialDecryption> partials)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var ciphertexts = tally.Ciphertexts();
        var result = ThresholdDecryption.Combine(context, commitments, ciphertexts, partials, tally.BallotCount);
        return new TallyResult(tally.BallotCount, tally.Positions, ciphertexts, result.Used, result.Values);
    }
}
