using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Trustees;

/// <summary>One trustee's decryption shares M_ℓ,i = α_i^s_ℓ of a list of ciphertexts, with their proofs.</summary>
public sealed record PartialDecryption(int TrusteeIndex, IReadOnlyList<Group.GroupElement> Shares, IReadOnlyList<DecryptionProof> Proofs)
{
    internal static string Subject(int trustee) => $"trustee/{trustee}/decryption";
}
