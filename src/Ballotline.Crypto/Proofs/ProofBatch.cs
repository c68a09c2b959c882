using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Curve = NBitcoin.Secp256k1;

namespace Ballotline.Crypto.Proofs;

/// <summary>
/// Checks the equations of many range proofs whose commitments are given, all at once: each equation
/// lhs_i = rhs_i is raised to an independent random 128-bit weight ρ_i and the product of all lhs_i^ρ_i / rhs_i^ρ_i
/// must be the identity. If some equation fails, its ratio h_i ≠ 1 and, the group having prime order n, for any
/// values of the other weights exactly one ρ_i mod n makes the product the identity: a false batch passes with
/// probability at most 2^-128 (the weights are drawn here, after the proofs and commitments are fixed). The
/// product is one multi-scalar multiplication in which g and the election key each take a single summed
/// exponent: NBitcoin.Secp256k1's (a managed port of libsecp256k1, Pippenger's bucket method on large batches) —
/// neither the server's native library nor the BouncyCastle arithmetic the single-ballot checks use.
/// </summary>
internal sealed class ProofBatch
{
    private static readonly byte[] FieldPrime = Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F");
    private readonly Curve.GE _key;
    private readonly List<Curve.GE> _points = [];
    private readonly List<Curve.Scalar> _exponents = [];
    private Curve.Scalar _generator = Curve.Scalar.Zero;
    private Curve.Scalar _keyExponent = Curve.Scalar.Zero;

    public ProofBatch(ElGamalPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = Affine(key.Element);
    }

    /// <summary>How many equations the batch holds.</summary>
    public int Equations { get; private set; }

    /// <summary>
    /// Adds a range proof's 2·(branches) equations: for the branch of value j = min + i with challenge c and response
    /// v, g^v · α^c = a_i and K^v · β^c · g^(−j·c) = b_i, where a_i, b_i are the given commitments (33 bytes each,
    /// in order; 33 zero bytes is the identity). False, adding nothing, when a commitment is not a canonical point.
    /// </summary>
    public bool AddRangeProof(ElGamalCiphertext ciphertext, long min, RangeProof proof, ReadOnlySpan<byte> commitments)
    {
        var count = proof.Challenges.Count;
        var decoded = new Curve.GE[2 * count];
        for (var k = 0; k < decoded.Length; k++)
        {
            if (!TryDecode(commitments.Slice(k * GroupElement.EncodedLength, GroupElement.EncodedLength), out decoded[k]))
            {
                return false;
            }
        }

        var alphaExponent = Curve.Scalar.Zero;
        var betaExponent = Curve.Scalar.Zero;
        for (var i = 0; i < count; i++)
        {
            var c = ToCurve(proof.Challenges[i]);
            var v = ToCurve(proof.Responses[i]);
            var weightA = Weight();
            var weightB = Weight();
            _generator += weightA * v;
            alphaExponent += weightA * c;
            Term(decoded[2 * i].Negate(), weightA);

            var weightedC = weightB * c;
            _keyExponent += weightB * v;
            betaExponent += weightedC;
            _generator += (weightedC * ToCurve(Scalar.FromInt64(min + i))).Negate();
            Term(decoded[(2 * i) + 1].Negate(), weightB);
            Equations += 2;
        }

        Term(Affine(ciphertext.Pad), alphaExponent);
        Term(Affine(ciphertext.Data), betaExponent);
        return true;
    }

    /// <summary>Whether every equation added holds (up to the 2^-128 chance above). An empty batch holds.</summary>
    public bool Holds()
    {
        if (Equations == 0)
        {
            return true;
        }

        Curve.Scalar[] exponents = [.. _exponents, _keyExponent];
        Curve.GE[] points = [.. _points, _key];
        return Curve.ECMultContext.Instance.MultBatch(_generator, exponents, points).IsInfinity;
    }

    private void Term(Curve.GE point, Curve.Scalar exponent)
    {
        if (!point.IsInfinity)
        {
            _points.Add(point);
            _exponents.Add(exponent);
        }
    }

    private static Curve.GE Affine(GroupElement element)
    {
        if (element.IsIdentity)
        {
            return Curve.GE.Infinity;
        }

        var point = element.Point.Normalize();
        return new Curve.GE(new Curve.FE(point.AffineXCoord.GetEncoded()), new Curve.FE(point.AffineYCoord.GetEncoded()));
    }

    // The canonical encodings only, as GroupElement.Decode reads them: the hash covered these exact bytes, and the
    // single-ballot check compares them with the canonical encoding of what it recomputes.
    private static bool TryDecode(ReadOnlySpan<byte> encoded, out Curve.GE point)
    {
        if (encoded.IndexOfAnyExcept((byte)0) < 0)
        {
            point = Curve.GE.Infinity;
            return true;
        }

        point = default;
        return encoded[0] is 0x02 or 0x03
            && encoded[1..].SequenceCompareTo(FieldPrime) < 0
            && Curve.GE.TryParse(encoded, out point);
    }

    private static Curve.Scalar ToCurve(Scalar scalar) => new(scalar.Encode());

    private static Curve.Scalar Weight()
    {
        Span<byte> bytes = stackalloc byte[32];
        Curve.Scalar weight;
        do
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(bytes[16..]);
            weight = new Curve.Scalar(bytes);
        }
        while (weight.IsZero);

        return weight;
    }
}
