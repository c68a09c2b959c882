using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Ballots;

/// <summary>
/// One contest's encrypted selections, one per candidate in manifest order, and the proof that their
/// homomorphic sum lies within the contest's selection limits.
/// </summary>
public sealed record EncryptedContest(string ContestId, IReadOnlyList<EncryptedSelection> Selections, RangeProof SumProof)
{
    /// <summary>The product of the contest's selection ciphertexts: an encryption of how many selections were made, which the contest's range proof bounds.</summary>
    public ElGamalCiphertext Sum() => ElGamalCiphertext.Sum(Selections.Select(s => s.Ciphertext));
}
