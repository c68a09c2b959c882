using Ballotline.Crypto.Election;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.Trustees;

/// <summary>
/// The public steps of the k-of-n key ceremony: checking every trustee's commitments, combining the election
/// key K = Π g^a_i0, and checking the shares each trustee received. A 1-of-1 election is the same ceremony
/// with one trustee and constant polynomials.
/// </summary>
public static class KeyCeremony
{
    /// <summary>
    /// Verifies the n trustees' commitments and builds the election context. Throws
    /// <see cref="TrusteeException"/> naming every trustee whose commitments are missing, repeated or unproven.
    /// </summary>
    public static ElectionContext CreateContext(ElectionManifest manifest, int trusteeCount, int quorum, IReadOnlyList<TrusteeCommitment> commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        var baseHash = ElectionContext.ComputeBaseHash(manifest, trusteeCount, quorum);
        var ordered = CheckIndices(trusteeCount, commitments);
        var bad = new List<int>();
        var reasons = new List<string>();
        foreach (var commitment in ordered)
        {
            var result = commitment.Verify(baseHash, quorum);
            if (!result.IsValid)
            {
                bad.Add(commitment.TrusteeIndex);
                reasons.Add($"trustee {commitment.TrusteeIndex}: {string.Join("; ", result.Failures)}");
            }
        }

        if (bad.Count > 0)
        {
            throw new TrusteeException(bad, "ceremony.commitments", $"Rejected commitments — {string.Join(" | ", reasons)}");
        }

        var key = GroupElement.Identity;
        foreach (var commitment in ordered)
        {
            key *= commitment.PublicKey;
        }

        return new ElectionContext(manifest, trusteeCount, quorum, new ElGamalPublicKey(key), CommitmentsHash(ordered));
    }

    /// <summary>
    /// Trustee ℓ combines the shares dealt to it (dealer index → P_dealer(ℓ)) into its key share, after checking
    /// each against the dealer's public commitments. A dealer whose share is inconsistent is named.
    /// </summary>
    public static TrusteeKey CombineShares(int trusteeIndex, IReadOnlyList<TrusteeCommitment> commitments, IReadOnlyDictionary<int, Scalar> sharesReceived)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        ArgumentNullException.ThrowIfNull(sharesReceived);
        var missing = commitments.Select(c => c.TrusteeIndex).Where(i => !sharesReceived.ContainsKey(i)).ToArray();
        if (missing.Length > 0)
        {
            throw new TrusteeException(missing, "ceremony.share-missing", $"Trustee {trusteeIndex} has no share from trustee(s) {string.Join(", ", missing)}.");
        }

        var wrong = commitments.Where(c => !c.IsConsistentShare(trusteeIndex, sharesReceived[c.TrusteeIndex])).Select(c => c.TrusteeIndex).ToArray();
        if (wrong.Length > 0)
        {
            throw new TrusteeException(wrong, "ceremony.share-inconsistent",
                $"The share(s) dealt to trustee {trusteeIndex} by trustee(s) {string.Join(", ", wrong)} do not match their public commitments.");
        }

        var secret = Scalar.Zero;
        foreach (var commitment in commitments)
        {
            secret = SecretArithmetic.Add(secret, sharesReceived[commitment.TrusteeIndex]);
        }

        return new TrusteeKey(trusteeIndex, secret);
    }

    /// <summary>g^s_ℓ = Π_i Π_j K_ij^(ℓ^j): trustee ℓ's public verification key, computable by anyone.</summary>
    public static GroupElement ShareVerificationKey(int trusteeIndex, IReadOnlyList<TrusteeCommitment> commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        var key = GroupElement.Identity;
        foreach (var commitment in commitments)
        {
            key *= commitment.ShareCommitment(trusteeIndex);
        }

        return key;
    }

    /// <summary>The hash of all commitments in trustee order; part of the extended context hash.</summary>
    public static byte[] CommitmentsHash(IReadOnlyList<TrusteeCommitment> commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        var transcript = new Transcript("ballotline/v1/trustee-commitments").Number(commitments.Count);
        foreach (var commitment in commitments.OrderBy(c => c.TrusteeIndex))
        {
            transcript.Number(commitment.TrusteeIndex).Number(commitment.Coefficients.Count);
            foreach (var coefficient in commitment.Coefficients)
            {
                transcript.Element(coefficient);
            }
        }

        return transcript.Digest();
    }

    private static List<TrusteeCommitment> CheckIndices(int trusteeCount, IReadOnlyList<TrusteeCommitment> commitments)
    {
        var byIndex = commitments.GroupBy(c => c.TrusteeIndex).ToDictionary(g => g.Key, g => g.Count());
        var outOfRange = byIndex.Keys.Where(i => i < 1 || i > trusteeCount).ToArray();
        var repeated = byIndex.Where(p => p.Value > 1).Select(p => p.Key).ToArray();
        var missing = Enumerable.Range(1, trusteeCount).Where(i => !byIndex.ContainsKey(i)).ToArray();
        if (outOfRange.Length + repeated.Length + missing.Length > 0)
        {
            throw new TrusteeException([.. outOfRange, .. repeated, .. missing], "ceremony.indices",
                $"Commitments must come from trustees 1..{trusteeCount} once each (missing: [{string.Join(", ", missing)}], repeated: [{string.Join(", ", repeated)}], out of range: [{string.Join(", ", outOfRange)}]).");
        }

        return [.. commitments.OrderBy(c => c.TrusteeIndex)];
    }
}
