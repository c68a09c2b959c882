namespace Ballotline.Crypto.Group;

/// <summary>
/// Multiplications by public scalars through libsecp256k1's variable-time <c>secp256k1_ecmult</c> (Strauss with
/// GLV endomorphism and wNAF, 3–5× faster than BouncyCastle). The library exports that routine only inside ECDSA
/// public-key recovery, which computes Q = r⁻¹·(s·R − z·G) for the point R whose x coordinate is r (plus n when
/// the recovery id's bit 1 is set) and whose y parity is the recovery id's bit 0. Choosing R = P, s = b·r and
/// z = −a·r makes Q = a·G + b·P: one double-scalar multiplication, no signature involved.
/// Every method returns false when it cannot answer (a zero scalar, a result at infinity, which recovery refuses,
/// an x coordinate ≥ n); the caller then computes the same value with BouncyCastle, so exceptional inputs,
/// which only a forger would craft, are answered exactly.
/// </summary>
internal static class NativeArithmetic
{
    private const int PublicKeyLength = 64; // libsecp256k1's opaque secp256k1_pubkey
    private const int SignatureLength = 65; // its opaque secp256k1_ecdsa_recoverable_signature

    /// <summary>Whether libsecp256k1 could be loaded; when not, proof checks run on BouncyCastle alone, same answers, slower (operations on secrets have no such fallback: see <see cref="ConstantTime"/>).</summary>
    public static bool IsAvailable => Libsecp256k1.IsAvailable;

    /// <summary>a·G + b·P (written g^a · P^b in the ElGamal literature) into a 64-byte libsecp256k1 public key.</summary>
    public static bool TryGeneratorAndPower(Scalar a, GroupElement point, Scalar b, Span<byte> publicKey)
    {
        if (!IsAvailable || b.IsZero || point.IsIdentity)
        {
            return false;
        }

        // r = x(P), which must be below n (a point not chosen for it fails this with probability ~2^-128).
        var x = point.EncodedSpan[1..];
        if (x.SequenceCompareTo(Scalar.OrderBytes) >= 0)
        {
            return false;
        }

        // The scalar products go through libsecp256k1 too (seckey_tweak_mul: a product modulo n), ~100× faster than
        // BouncyCastle's BigInteger multiply-and-reduce, which had cost more than the multiplication itself.
        var library = Libsecp256k1.Current;
        Span<byte> compact = stackalloc byte[64];
        x.CopyTo(compact);
        b.Encode().CopyTo(compact[32..]);
        Span<byte> z = stackalloc byte[32];
        if (!library.EcSeckeyTweakMul(compact[32..], x))
        {
            return false; // x = 0
        }

        if (!a.IsZero)
        {
            a.Encode().CopyTo(z);
            if (!library.EcSeckeyTweakMul(z, x) || !library.EcSeckeyNegate(z))
            {
                return false;
            }
        }

        Span<byte> signature = stackalloc byte[SignatureLength];
        var recoveryId = point.EncodedSpan[0] == 0x03 ? 1 : 0;
        return library.EcdsaRecoverableSignatureParseCompact(signature, compact, recoveryId)
            && library.EcdsaRecover(publicKey, signature, z);
    }

    /// <summary>
    /// v·K + a·G + c·Q (K^v · g^a · Q^c) as a canonical 33-byte encoding, K^v from K's table of multiples: one
    /// recovery and one addition of at most 44 points instead of two recoveries.
    /// </summary>
    public static bool TryEncodeTablePowerGeneratorAndPower(PublicPowerTable table, Scalar v, Scalar a, GroupElement q, Scalar c, Span<byte> encoded)
    {
        var rest = new byte[PublicKeyLength];
        if (!TryGeneratorAndPower(a, q, c, rest))
        {
            return false;
        }

        OperationTrace.Record("key-table-power");
        Span<byte> sum = stackalloc byte[PublicKeyLength];
        return Libsecp256k1.Current.EcPubkeyCombine(sum, table.Terms(v, rest)) && TryEncode(sum, encoded);
    }

    /// <summary>a·G + b·P (g^a · P^b) as a canonical 33-byte encoding.</summary>
    public static bool TryEncodeGeneratorAndPower(Scalar a, GroupElement point, Scalar b, Span<byte> encoded)
    {
        Span<byte> publicKey = stackalloc byte[PublicKeyLength];
        return TryGeneratorAndPower(a, point, b, publicKey) && TryEncode(publicKey, encoded);
    }

    private static bool TryEncode(ReadOnlySpan<byte> publicKey, Span<byte> encoded) =>
        Libsecp256k1.TryEncode(Libsecp256k1.Current, publicKey, encoded);
}
