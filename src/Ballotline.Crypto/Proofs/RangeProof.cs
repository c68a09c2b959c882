using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Verification;
using Org.BouncyCastle.Math.EC;

namespace Ballotline.Crypto.Proofs;

/// <summary>
/// A disjunctive Chaum–Pedersen proof that an ElGamal ciphertext (α, β) encrypts some integer in [min, max]
/// without saying which. For each candidate value j there is a branch (c_j, v_j) with commitments
/// a_j = g^v_j · α^c_j and b_j = K^v_j · (β / g^j)^c_j; the branches' challenges must sum to the Fiat–Shamir
/// hash of the statement and all commitments. Only the true branch could be completed after the hash was
/// known. With [0, 1] it is the per-selection proof; over a contest's homomorphic sum it is the limit proof.
/// </summary>
public sealed record RangeProof(IReadOnlyList<Scalar> Challenges, IReadOnlyList<Scalar> Responses)
{
    internal const string Domain = "ballotline/v1/range-proof";

    /// <summary>The largest range one proof may cover (a contest of up to this many selections).</summary>
    public const int MaxBranches = 64;

    /// <summary>Proves that the encryption holds a value between the bounds, without revealing which (a disjunctive Chaum–Pedersen proof, one branch per possible value).</summary>
    public static RangeProof Prove(
        ElGamalEncryption encryption, long value, long min, long max, ElGamalPublicKey key, ProofContext context, NonceSource nonces)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(nonces);
        CheckRange(min, max);
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max);

        var count = (int)(max - min + 1);
        var alpha = encryption.Ciphertext.Pad;
        var beta = encryption.Ciphertext.Data;
        var challenges = new Scalar[count];
        var responses = new Scalar[count];
        var commitments = new ECPoint[2 * count];
        var real = (int)(value - min);
        var u = nonces.NextScalar();
        for (var i = 0; i < count; i++)
        {
            // Every branch performs the same constant-time operations, whichever is true, so that the time taken does
            // not say which value is encrypted: g^v · α^c and K^v · (β / g^j)^c, where the true branch uses v = u and a
            // throw-away c (its commitments are then g^u and K^u, the products being discarded). The draws from
            // `nonces` are in the order they always were, so the test vectors are unchanged.
            var isReal = i == real;
            if (!isReal)
            {
                challenges[i] = nonces.NextScalar();
                responses[i] = nonces.NextScalar();
            }

            var v = isReal ? u : responses[i];
            var branchChallenge = isReal ? Scalar.Random() : challenges[i];
            var gv = GroupElement.GeneratorSecretPower(v);
            var kv = key.Element.SecretPower(v);
            var alphaC = alpha.SecretPower(branchChallenge);
            var shiftedC = (beta / GroupElement.GeneratorPower(min + i)).SecretPower(branchChallenge);
            var a = gv * alphaC;
            var b = kv * shiftedC;
            commitments[2 * i] = (isReal ? gv : a).Point;
            commitments[(2 * i) + 1] = (isReal ? kv : b).Point;
        }

        var encoded = new byte[commitments.Length * GroupElement.EncodedLength];
        WriteEncodings([.. commitments.Select((point, slot) => (slot, point))], encoded);
        var c = Challenge(encryption.Ciphertext, min, max, key, context, encoded);
        var sumOfFakes = Scalar.Zero;
        for (var i = 0; i < count; i++)
        {
            if (i != real)
            {
                sumOfFakes += challenges[i];
            }
        }

        challenges[real] = c - sumOfFakes;
        responses[real] = u - (challenges[real] * encryption.Nonce);
        return new RangeProof(challenges, responses);
    }

    /// <summary>Checks the proof from public data; returns the failed check, or null when it holds.</summary>
    /// <param name="ciphertext">The encryption the proof is about.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="key">The election's public key.</param>
    /// <param name="context">The election and subject the proof must be bound to.</param>
    /// <param name="arithmetic">Which secp256k1 implementation recomputes the commitments (same answer, different speed).</param>
    public VerificationFailure? Verify(
        ElGamalCiphertext ciphertext, long min, long max, ElGamalPublicKey key, ProofContext context, PublicArithmetic arithmetic = PublicArithmetic.Native)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(context);
        if (min < 0 || max < min || max - min + 1 > MaxBranches)
        {
            return new VerificationFailure("range", $"The range [{min}, {max}] cannot be proven.");
        }

        var count = (int)(max - min + 1);
        if (Challenges.Count != count || Responses.Count != count)
        {
            return new VerificationFailure("branches", $"The proof has {Challenges.Count} challenges and {Responses.Count} responses; the range [{min}, {max}] needs {count} of each.");
        }

        var commitments = new byte[2 * count * GroupElement.EncodedLength];
        var sum = Scalar.Zero;
        List<(int Slot, ECPoint Point)>? managed = null;
        for (var i = 0; i < count; i++)
        {
            var a = commitments.AsSpan(2 * i * GroupElement.EncodedLength, GroupElement.EncodedLength);
            var b = commitments.AsSpan(((2 * i) + 1) * GroupElement.EncodedLength, GroupElement.EncodedLength);
            if (arithmetic == PublicArithmetic.Native && NativeCommitments(ciphertext, min + i, Challenges[i], Responses[i], key, a, b))
            {
                OperationTrace.Record("native-public-commitments");
            }
            else
            {
                OperationTrace.Record("public-double-power");
                OperationTrace.Record("public-double-power");
                var (pointA, pointB) = Commitments(ciphertext.Pad.Point, ciphertext.Data.Point, min + i, Challenges[i], Responses[i], key);
                managed ??= [];
                managed.Add((2 * i, pointA));
                managed.Add(((2 * i) + 1, pointB));
            }

            sum += Challenges[i];
        }

        if (managed is not null)
        {
            WriteEncodings(managed, commitments);
        }

        return Challenge(ciphertext, min, max, key, context, commitments) == sum
            ? null
            : new VerificationFailure("challenge", "The proof's challenges do not match its hash: the ciphertext is not proven to encrypt a value in the allowed range for this election and contest.");
    }

    // a_j = g^v · α^c and b_j = K^v · β^c · g^(−j·c), each written as its 33-byte encoding by libsecp256k1.
    private static bool NativeCommitments(ElGamalCiphertext ciphertext, long j, Scalar c, Scalar v, ElGamalPublicKey key, Span<byte> a, Span<byte> b)
    {
        return NativeArithmetic.TryEncodeGeneratorAndPower(v, ciphertext.Pad, c, a)
            && NativeArithmetic.TryEncodeGeneratorAndTwoPowers(-(Scalar.FromInt64(j) * c), key.Element, v, ciphertext.Data, c, b);
    }

    private static (ECPoint A, ECPoint B) Commitments(ECPoint alpha, ECPoint beta, long j, Scalar c, Scalar v, ElGamalPublicKey key)
    {
        var a = ECAlgorithms.SumOfTwoMultiplies(Secp256k1.Generator, v.Value, alpha, c.Value);
        var shifted = j == 0 ? beta : beta.Subtract(GroupElement.GeneratorPower(j).Point);
        var b = ECAlgorithms.SumOfTwoMultiplies(key.Element.Point, v.Value, shifted, c.Value);
        return (a, b);
    }

    // One field inversion for all points (Montgomery's trick) rather than one per point.
    private static void WriteEncodings(List<(int Slot, ECPoint Point)> points, byte[] destination)
    {
        var all = points.Select(p => p.Point).ToArray();
        Secp256k1.Curve.NormalizeAll(all);
        for (var k = 0; k < all.Length; k++)
        {
            new GroupElement(all[k]).EncodedSpan.CopyTo(destination.AsSpan(points[k].Slot * GroupElement.EncodedLength));
        }
    }

    private static Scalar Challenge(ElGamalCiphertext ciphertext, long min, long max, ElGamalPublicKey key, ProofContext context, byte[] commitments)
    {
        var transcript = context.Start(Domain).Element(key.Element);
        ciphertext.AppendTo(transcript).Number(min).Number(max);
        for (var offset = 0; offset < commitments.Length; offset += GroupElement.EncodedLength)
        {
            transcript.Point(commitments.AsSpan(offset, GroupElement.EncodedLength));
        }

        return transcript.ChallengeScalar();
    }

    private static void CheckRange(long min, long max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max - min + 1, MaxBranches, nameof(max));
    }
}
