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
        var challenges = new Scalar[count];
        var responses = new Scalar[count];
        var real = (int)(value - min);
        var r = encryption.Nonce;
        var u = nonces.NextScalar();
        for (var i = 0; i < count; i++)
        {
            // The draws from `nonces` are in the order they always were (u, then each fake branch's c and v), so the
            // test vectors are unchanged.
            if (i != real)
            {
                challenges[i] = nonces.NextScalar();
                responses[i] = nonces.NextScalar();
            }
        }

        // The prover knows r, so it computes each commitment from g and K alone, never from α or β:
        //   true branch:  a = g^u,  b = K^u;
        //   fake branch j (a verifier recomputes g^v·α^c and K^v·(β/g^j)^c): with s = v + c·r,
        //                 a = g^s,  b = K^s · g^(c·(m−j)).
        // Three constant-time multiplications for a fake branch, two for the true one, instead of four each. The
        // sequence of operations is the same whatever the value: the true branch first, then the fake ones in index
        // order; only where the results are written depends on it.
        var encoded = new byte[2 * count * GroupElement.EncodedLength];
        CommitTrueBranch(u, key, encoded.AsSpan(2 * real * GroupElement.EncodedLength, 2 * GroupElement.EncodedLength));
        // Arithmetic on r and on the true index goes through SecretArithmetic (constant time); the fake challenges and
        // responses, published in the proof, may use Scalar's operators. shift = c·(real − i) = c·(real + 1) − c·(i + 1),
        // so that the secret factor is never 0 (libsecp256k1 refuses a zero operand, and a branch on it would show
        // which value is true).
        var realPlusOne = SecretArithmetic.FromSmall(real + 1);
        for (var i = 0; i < count; i++)
        {
            if (i != real)
            {
                var s = SecretArithmetic.MultiplyAdd(responses[i], challenges[i], r);
                var shift = SecretArithmetic.MultiplyAdd(-(challenges[i] * Scalar.FromInt64(i + 1)), challenges[i], realPlusOne);
                CommitFakeBranch(s, shift, key, encoded.AsSpan(2 * i * GroupElement.EncodedLength, 2 * GroupElement.EncodedLength));
            }
        }

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
        responses[real] = SecretArithmetic.MultiplyAdd(u, -challenges[real], r);
        return new RangeProof(challenges, responses);
    }

    private static void CommitTrueBranch(Scalar u, ElGamalPublicKey key, Span<byte> encoded)
    {
        if (u.IsZero)
        {
            CommitDegenerate(u, Scalar.Zero, key, encoded);
            return;
        }

        ConstantTime.Encode(ConstantTime.GeneratorPowerNative(u), encoded[..GroupElement.EncodedLength]);
        ConstantTime.Encode(key.SecretPowerNative(u), encoded[GroupElement.EncodedLength..]);
    }

    private static void CommitFakeBranch(Scalar s, Scalar shift, ElGamalPublicKey key, Span<byte> encoded)
    {
        if (s.IsZero || shift.IsZero)
        {
            CommitDegenerate(s, shift, key, encoded);
            return;
        }

        ConstantTime.Encode(ConstantTime.GeneratorPowerNative(s), encoded[..GroupElement.EncodedLength]);
        var b = key.SecretPowerNative(s, ConstantTime.GeneratorPowerNative(shift));
        ConstantTime.Encode(b, encoded[GroupElement.EncodedLength..]);
    }

    // A zero scalar has no native form; honest randomness gives one with probability 2^-256, a chosen nonce stream
    // (a test that makes a commitment the identity) at will. Then a = g^s, b = K^s · g^shift through the general path.
    private static void CommitDegenerate(Scalar s, Scalar shift, ElGamalPublicKey key, Span<byte> encoded)
    {
        var a = GroupElement.GeneratorSecretPower(s);
        var b = key.Element.SecretPower(s) * GroupElement.GeneratorSecretPower(shift);
        WriteEncodings([(0, a.Point), (1, b.Point)], encoded);
    }

    /// <summary>Checks the proof from public data; returns the failed check, or null when it holds.</summary>
    /// <param name="ciphertext">The encryption the proof is about.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="key">The election's public key.</param>
    /// <param name="context">The election and subject the proof must be bound to.</param>
    /// <param name="arithmetic">Which secp256k1 implementation recomputes the commitments (same answer, different speed).</param>
    public VerificationFailure? Verify(
        ElGamalCiphertext ciphertext, long min, long max, ElGamalPublicKey key, ProofContext context, PublicArithmetic arithmetic = PublicArithmetic.Native) =>
        Verify(ciphertext, min, max, key, context, arithmetic, out _);

    /// <summary>
    /// <see cref="Verify(ElGamalCiphertext, long, long, ElGamalPublicKey, ProofContext, PublicArithmetic)"/>, also
    /// giving the commitments it recomputed (<see cref="RecomputeCommitments"/>; null when the proof's shape failed).
    /// </summary>
    internal VerificationFailure? Verify(
        ElGamalCiphertext ciphertext, long min, long max, ElGamalPublicKey key, ProofContext context, PublicArithmetic arithmetic, out byte[]? commitments)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(context);
        commitments = null;
        if (ShapeFailure(min, max) is { } shape)
        {
            return shape;
        }

        commitments = RecomputeCommitments(ciphertext, min, key, arithmetic);
        return ChallengeMatches(ciphertext, min, max, key, context, commitments)
            ? null
            : new VerificationFailure("challenge", "The proof's challenges do not match its hash: the ciphertext is not proven to encrypt a value in the allowed range for this election and contest.");
    }

    /// <summary>The range cannot be proven, or the proof has not one challenge and one response per value in it; null when the shape is right.</summary>
    internal VerificationFailure? ShapeFailure(long min, long max)
    {
        if (min < 0 || max < min || max - min + 1 > MaxBranches)
        {
            return new VerificationFailure("range", $"The range [{min}, {max}] cannot be proven.");
        }

        var count = (int)(max - min + 1);
        return Challenges.Count != count || Responses.Count != count
            ? new VerificationFailure("branches", $"The proof has {Challenges.Count} challenges and {Responses.Count} responses; the range [{min}, {max}] needs {count} of each.")
            : null;
    }

    /// <summary>
    /// The commitments a_0, b_0, a_1, b_1, … a verifier recomputes from the branches (a_j = g^v_j · α^c_j,
    /// b_j = K^v_j · (β / g^(min+j))^c_j), as the concatenation of their 33-byte encodings — the bytes the
    /// Fiat–Shamir hash reads, and what a v4 election record publishes beside each proof.
    /// </summary>
    internal byte[] RecomputeCommitments(ElGamalCiphertext ciphertext, long min, ElGamalPublicKey key, PublicArithmetic arithmetic)
    {
        var count = Challenges.Count;
        var commitments = new byte[2 * count * GroupElement.EncodedLength];
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
        }

        if (managed is not null)
        {
            WriteEncodings(managed, commitments);
        }

        return commitments;
    }

    /// <summary>Whether the branches' challenges sum to the hash of the statement and these commitments (their encodings, in order).</summary>
    internal bool ChallengeMatches(ElGamalCiphertext ciphertext, long min, long max, ElGamalPublicKey key, ProofContext context, ReadOnlySpan<byte> commitments)
    {
        var sum = Scalar.Zero;
        foreach (var c in Challenges)
        {
            sum += c;
        }

        return Challenge(ciphertext, min, max, key, context, commitments) == sum;
    }

    // a_j = g^v · α^c and b_j = K^v · β^c · g^(−j·c), each written as its 33-byte encoding by libsecp256k1 (K^v from
    // the key's table of multiples, read only once the first recovery showed the library is loaded).
    private static bool NativeCommitments(ElGamalCiphertext ciphertext, long j, Scalar c, Scalar v, ElGamalPublicKey key, Span<byte> a, Span<byte> b)
    {
        return NativeArithmetic.TryEncodeGeneratorAndPower(v, ciphertext.Pad, c, a)
            && NativeArithmetic.TryEncodeTablePowerGeneratorAndPower(key.PowerTable, v, -(Scalar.FromInt64(j) * c), ciphertext.Data, c, b);
    }

    private static (ECPoint A, ECPoint B) Commitments(ECPoint alpha, ECPoint beta, long j, Scalar c, Scalar v, ElGamalPublicKey key)
    {
        var a = ECAlgorithms.SumOfTwoMultiplies(Secp256k1.Generator, v.Value, alpha, c.Value);
        var shifted = j == 0 ? beta : beta.Subtract(GroupElement.GeneratorPower(j).Point);
        var b = ECAlgorithms.SumOfTwoMultiplies(key.Element.Point, v.Value, shifted, c.Value);
        return (a, b);
    }

    // One field inversion for all points (Montgomery's trick) rather than one per point.
    private static void WriteEncodings(List<(int Slot, ECPoint Point)> points, Span<byte> destination)
    {
        var all = points.Select(p => p.Point).ToArray();
        Secp256k1.Curve.NormalizeAll(all);
        for (var k = 0; k < all.Length; k++)
        {
            new GroupElement(all[k]).EncodedSpan.CopyTo(destination[(points[k].Slot * GroupElement.EncodedLength)..]);
        }
    }

    private static Scalar Challenge(ElGamalCiphertext ciphertext, long min, long max, ElGamalPublicKey key, ProofContext context, ReadOnlySpan<byte> commitments)
    {
        var transcript = context.Start(Domain).Element(key.Element);
        ciphertext.AppendTo(transcript).Number(min).Number(max);
        for (var offset = 0; offset < commitments.Length; offset += GroupElement.EncodedLength)
        {
            transcript.Point(commitments.Slice(offset, GroupElement.EncodedLength));
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
