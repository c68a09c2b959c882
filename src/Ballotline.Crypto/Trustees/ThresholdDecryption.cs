using Ballotline.Crypto.Election;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Tally;
using Ballotline.Crypto.Verification;

namespace Ballotline.Crypto.Trustees;

/// <summary>
/// Combines trustees' partial decryptions: each share's proof is checked against the trustee's public
/// verification key, wrong ones are set aside and named, and any k valid ones are combined with Lagrange
/// coefficients at 0: M = Π M_ℓ^w_ℓ, so that β / M = g^m. Up to n − k trustees may be missing.
/// </summary>
public static class ThresholdDecryption
{
    /// <summary>For each ciphertext, checks every partial decryption's proof, combines k valid ones into g^m and recovers m (0 to <paramref name="maxPlaintext"/>); names the trustees whose shares were set aside.</summary>
    public static ThresholdDecryptionResult Combine(
        ElectionContext context,
        IReadOnlyList<TrusteeCommitment> commitments,
        IReadOnlyList<ElGamalCiphertext> ciphertexts,
        IReadOnlyList<PartialDecryption> partials,
        long maxPlaintext)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(commitments);
        ArgumentNullException.ThrowIfNull(ciphertexts);
        ArgumentNullException.ThrowIfNull(partials);
        var rejected = new Dictionary<int, string>();
        var accepted = new List<PartialDecryption>();
        foreach (var partial in partials.OrderBy(p => p.TrusteeIndex))
        {
            var failure = CheckPartial(context, commitments, ciphertexts, partial, accepted);
            if (failure is null)
            {
                accepted.Add(partial);
            }
            else
            {
                rejected[partial.TrusteeIndex] = failure;
            }
        }

        if (accepted.Count < context.Quorum)
        {
            var missing = Enumerable.Range(1, context.TrusteeCount).Where(i => accepted.All(p => p.TrusteeIndex != i) && !rejected.ContainsKey(i)).ToArray();
            var blame = rejected.Select(r => $"trustee {r.Key}: {r.Value}");
            throw new TrusteeException([.. rejected.Keys, .. missing], "decryption.quorum",
                $"Only {accepted.Count} valid decryption share(s) of the {context.Quorum} needed (missing: [{string.Join(", ", missing)}]{(rejected.Count > 0 ? "; rejected — " + string.Join(" | ", blame) : string.Empty)}).");
        }

        var used = accepted.Take(context.Quorum).ToArray();
        var weights = LagrangeCoefficients(used.Select(p => p.TrusteeIndex).ToArray());
        var values = new long[ciphertexts.Count];
        for (var i = 0; i < ciphertexts.Count; i++)
        {
            var combined = CombineShares(used, weights, i);
            values[i] = DiscreteLog.Find(ciphertexts[i].Data / combined, maxPlaintext)
                ?? throw new TrusteeException([], "decryption.discrete-log",
                    $"Ciphertext {i} does not decrypt to a count between 0 and {maxPlaintext}.");
        }

        return new ThresholdDecryptionResult(values, used, rejected);
    }

    /// <summary>Checks that claimed plaintexts follow from the shares: g^m · Π M_ℓ^w_ℓ = β for every ciphertext.</summary>
    public static VerificationResult Verify(
        ElectionContext context,
        IReadOnlyList<TrusteeCommitment> commitments,
        IReadOnlyList<ElGamalCiphertext> ciphertexts,
        IReadOnlyList<PartialDecryption> partials,
        IReadOnlyList<long> claimed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ciphertexts);
        ArgumentNullException.ThrowIfNull(partials);
        ArgumentNullException.ThrowIfNull(claimed);
        var checks = new VerificationCollector();
        var accepted = new List<PartialDecryption>();
        foreach (var partial in partials)
        {
            var failure = CheckPartial(context, commitments, ciphertexts, partial, accepted);
            checks.Check(failure is null, $"decryption.trustee[{partial.TrusteeIndex}]", failure ?? string.Empty);
            if (failure is null)
            {
                accepted.Add(partial);
            }
        }

        checks.Check(accepted.Count >= context.Quorum, "decryption.quorum", $"{accepted.Count} valid decryption share(s); the quorum is {context.Quorum}.");
        checks.Check(claimed.Count == ciphertexts.Count, "decryption.count", $"{claimed.Count} results claimed for {ciphertexts.Count} ciphertexts.");
        if (!checks.Result().IsValid)
        {
            return checks.Result();
        }

        var used = accepted.Take(context.Quorum).ToArray();
        var weights = LagrangeCoefficients(used.Select(p => p.TrusteeIndex).ToArray());
        for (var i = 0; i < ciphertexts.Count; i++)
        {
            var expected = GroupElement.GeneratorPower(claimed[i]) * CombineShares(used, weights, i);
            checks.Check(claimed[i] >= 0 && expected == ciphertexts[i].Data, $"decryption.result[{i}]",
                $"The claimed result {claimed[i]} does not follow from the ciphertext and the trustees' shares.");
        }

        return checks.Result();
    }

    /// <summary>w_ℓ = Π_{m ≠ ℓ} m / (m − ℓ) mod n, the Lagrange coefficients for interpolating at 0.</summary>
    public static IReadOnlyList<Scalar> LagrangeCoefficients(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var weights = new Scalar[indices.Count];
        for (var a = 0; a < indices.Count; a++)
        {
            var numerator = Scalar.One;
            var denominator = Scalar.One;
            for (var b = 0; b < indices.Count; b++)
            {
                if (a != b)
                {
                    numerator *= Scalar.FromInt64(indices[b]);
                    denominator *= Scalar.FromInt64(indices[b] - indices[a]);
                }
            }

            weights[a] = numerator * denominator.Inverse();
        }

        return weights;
    }

    private static GroupElement CombineShares(PartialDecryption[] used, IReadOnlyList<Scalar> weights, int ciphertext)
    {
        var combined = GroupElement.Identity;
        for (var t = 0; t < used.Length; t++)
        {
            combined *= used[t].Shares[ciphertext].Power(weights[t]);
        }

        return combined;
    }

    private static string? CheckPartial(
        ElectionContext context, IReadOnlyList<TrusteeCommitment> commitments, IReadOnlyList<ElGamalCiphertext> ciphertexts,
        PartialDecryption partial, List<PartialDecryption> accepted)
    {
        if (partial.TrusteeIndex < 1 || partial.TrusteeIndex > context.TrusteeCount)
        {
            return $"there is no trustee {partial.TrusteeIndex} in a {context.Quorum}-of-{context.TrusteeCount} election";
        }

        if (accepted.Any(p => p.TrusteeIndex == partial.TrusteeIndex))
        {
            return "a second set of shares from the same trustee";
        }

        if (partial.Shares.Count != ciphertexts.Count || partial.Proofs.Count != ciphertexts.Count)
        {
            return $"{partial.Shares.Count} shares and {partial.Proofs.Count} proofs for {ciphertexts.Count} ciphertexts";
        }

        var verificationKey = KeyCeremony.ShareVerificationKey(partial.TrusteeIndex, commitments);
        var proofContext = context.ProofContext(PartialDecryption.Subject(partial.TrusteeIndex));
        for (var i = 0; i < ciphertexts.Count; i++)
        {
            var failure = partial.Proofs[i].Verify(ciphertexts[i], verificationKey, partial.Shares[i], proofContext);
            if (failure is not null)
            {
                return $"share {i}: {failure.Message}";
            }
        }

        return null;
    }
}
