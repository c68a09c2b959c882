using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Election;

/// <summary>
/// Everything public that ballots and proofs are bound to: the manifest, the trustee threshold, the joint
/// public key and the hash of the trustees' commitments. <see cref="BaseHash"/> (manifest, n, k) binds the key
/// ceremony; <see cref="ExtendedHash"/> (base hash, key, commitments) binds ballots and decryptions.
/// </summary>
public sealed class ElectionContext
{
    private readonly byte[] _commitmentsHash;

    /// <summary>Binds the manifest, n trustees with quorum k, the joint public key and the hash of the trustees' commitments, and computes the base and extended hashes.</summary>
    public ElectionContext(ElectionManifest manifest, int trusteeCount, int quorum, ElGamalPublicKey publicKey, ReadOnlySpan<byte> commitmentsHash)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(publicKey);
        Manifest = manifest;
        TrusteeCount = trusteeCount;
        Quorum = quorum;
        PublicKey = publicKey;
        _commitmentsHash = commitmentsHash.ToArray();
        BaseHash = ComputeBaseHash(manifest, trusteeCount, quorum);
        ExtendedHash = new Transcript("ballotline/v1/extended-base-hash")
            .Bytes(BaseHash).Element(publicKey.Element).Bytes(_commitmentsHash).Digest();
    }

    /// <summary>The contests and candidates.</summary>
    public ElectionManifest Manifest { get; }

    /// <summary>n: how many trustees hold a share of the election key.</summary>
    public int TrusteeCount { get; }

    /// <summary>k: how many trustees together can decrypt the tally.</summary>
    public int Quorum { get; }

    /// <summary>The joint public key ballots are encrypted to.</summary>
    public ElGamalPublicKey PublicKey { get; }

    /// <summary>The hash of every trustee's polynomial commitments, as the key ceremony produced them.</summary>
    public IReadOnlyList<byte> CommitmentsHash => _commitmentsHash;

    /// <summary>H(manifest, n, k): binds the key ceremony to the election.</summary>
    public byte[] BaseHash { get; }

    /// <summary>H(base hash, public key, commitments hash): every ballot and decryption proof is bound to it.</summary>
    public byte[] ExtendedHash { get; }

    /// <summary>H(base hash, public key, commitments hash): every ballot and decryption proof is bound to it.</summary>
    public string ExtendedHashHex => Convert.ToHexStringLower(ExtendedHash);

    /// <summary>The hash the key ceremony's proofs are bound to, known before any key exists.</summary>
    public static byte[] ComputeBaseHash(ElectionManifest manifest, int trusteeCount, int quorum)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (trusteeCount < 1 || quorum < 1 || quorum > trusteeCount)
        {
            throw new CryptoFormatException("context.threshold", $"A {quorum}-of-{trusteeCount} threshold is not valid: need 1 ≤ k ≤ n.");
        }

        return new Transcript("ballotline/v1/base-hash")
            .Text("secp256k1").Bytes(manifest.Hash()).Number(trusteeCount).Number(quorum).Digest();
    }

    internal ProofContext ProofContext(string subject) => new(ExtendedHash, subject);

    internal static string SelectionSubject(string contestId, string candidateId) => $"contest/{contestId}/selection/{candidateId}";

    internal static string ContestSubject(string contestId) => $"contest/{contestId}/sum";
}
