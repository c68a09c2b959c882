using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Group;

/// <summary>
/// Multiplication by a secret scalar in constant time, by libsecp256k1 — the C library Bitcoin Core uses,
/// shipped native for each platform in the Secp256k1.Net package: <c>secp256k1_ec_pubkey_create</c> (g^k, a
/// constant-time comb) and <c>secp256k1_ec_pubkey_tweak_mul</c> (P^k, a constant-time ladder). BouncyCastle's
/// multipliers branch and look up tables by the scalar's bits, so their timing depends on the secret; here the
/// sequence of operations and memory accesses does not. Every key, key share, encryption nonce and proof nonce
/// is multiplied here; variable-time BouncyCastle code is kept for public scalars (verification).
/// </summary>
internal static class ConstantTime
{
    /// <summary>g^k for a secret k.</summary>
    public static GroupElement GeneratorPower(Scalar secret)
    {
        if (secret.IsZero)
        {
            OperationTrace.Record("secret-power");
            return GroupElement.Identity;
        }

        return ToElement(GeneratorPowerNative(secret));
    }

    /// <summary>P^k for a public point P and a secret k.</summary>
    public static GroupElement Power(GroupElement point, Scalar secret)
    {
        if (point.IsIdentity || secret.IsZero)
        {
            OperationTrace.Record("secret-power");
            return GroupElement.Identity;
        }

        return ToElement(PowerNative(Parse(point), secret));
    }

    // The methods below take and give points in libsecp256k1's own 64-byte form (secp256k1_pubkey), so that a
    // computation of several steps (the prover's) converts to BouncyCastle once, at the end: converting each result
    // to BouncyCastle and back had cost as much as a multiplication. The two methods above are single steps.

    /// <summary>The length of libsecp256k1's opaque public-key form, in which the methods below take and give points.</summary>
    public const int NativeLength = 64;

    // (i + 1)·g for i = 0 … 63, in native form, one after the other: the plaintext shift of an encryption, looked up in
    // constant time.
    private static readonly Lazy<byte[]> GeneratorMultiples = new(() =>
    {
        var multiples = new byte[RangeProof.MaxBranches * NativeLength];
        for (var i = 0; i < RangeProof.MaxBranches; i++)
        {
            GeneratorPowerNative(Scalar.FromInt64(i + 1), record: false).CopyTo(multiples, i * NativeLength);
        }

        return multiples;
    });

    private static readonly Lazy<byte[]> InverseGenerator = new(() => Parse(GroupElement.Generator.Inverse()));

    /// <summary>g^k for a secret, non-zero k, in native form.</summary>
    public static byte[] GeneratorPowerNative(Scalar secret) => GeneratorPowerNative(secret, record: true);

    /// <summary>P^k for a point P in native form and a secret, non-zero k, in native form.</summary>
    public static byte[] PowerNative(ReadOnlySpan<byte> point, Scalar secret)
    {
        OperationTrace.Record("secret-power");
        return LadderPowerNative(point, secret, []);
    }

    /// <summary>
    /// P^k · extra₁ · extra₂ … by the ladder and then one addition, in native form, recording nothing: the caller records
    /// it as one secret power, as it does when the same product comes from a key's comb (<see cref="SecretPowerTable"/>).
    /// </summary>
    public static byte[] LadderPowerNative(ReadOnlySpan<byte> point, Scalar secret, byte[][] extra)
    {
        var result = point.ToArray();
        var tweak = secret.Encode();
        try
        {
            if (!Library().EcPubkeyTweakMul(result, tweak))
            {
                throw ZeroSecret();
            }
        }
        finally
        {
            Array.Clear(tweak);
        }

        return extra.Length == 0 ? result : Combine([result, .. extra]);
    }

    /// <summary>
    /// g^m for a secret small m (0 ≤ m &lt; 64, an encrypted vote) as the pair (g^(m+1), g^−1) whose product it is:
    /// the identity has no native form, and reading one entry of a table at a secret index would show the index
    /// through the cache, so every entry is read and the wanted one kept by masking.
    /// </summary>
    public static (byte[] Shift, byte[] Correction) SmallGeneratorPowerNative(long secret)
    {
        OperationTrace.Record("secret-table-lookup");
        var chosen = new byte[NativeLength];
        Select(GeneratorMultiples.Value, (int)secret, chosen);
        return (chosen, InverseGenerator.Value);
    }

    /// <summary>
    /// Entry <paramref name="index"/> of consecutive 64-byte entries (points in native form) into
    /// <paramref name="target"/>, in constant time in the index: see <see cref="Select(ReadOnlySpan{ulong}, int, Span{ulong}, int)"/>,
    /// at the widest register width the processor offers.
    /// </summary>
    public static void Select(ReadOnlySpan<byte> entries, int index, Span<byte> target)
    {
        Span<ulong> kept = stackalloc ulong[NativeLength / sizeof(ulong)];
        Select(MemoryMarshal.Cast<byte, ulong>(entries), index, kept, Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 64);
        MemoryMarshal.AsBytes(kept).CopyTo(target);
        kept.Clear();
    }

    /// <summary>
    /// Entry <paramref name="digit"/> of consecutive 64-byte entries, written to <paramref name="kept"/> (8 words): every
    /// entry is read and ANDed with a mask computed without a branch — (d ^ digit) − 1 is negative only when d == digit —
    /// so the memory read and the instructions run do not depend on the digit. <paramref name="registerBits"/> is the
    /// width used (512, 256 or 64: what the processor offers; the tests run all three).
    /// </summary>
    internal static void Select(ReadOnlySpan<ulong> entries, int digit, Span<ulong> kept, int registerBits)
    {
        const int Words = NativeLength / sizeof(ulong);
        var count = entries.Length / Words;
        kept[..Words].Clear();
        switch (registerBits)
        {
            case 512:
                var all = Vector512<ulong>.Zero; // one entry is one 512-bit register
                for (var d = 0; d < count; d++)
                {
                    all |= Vector512.Create(entries.Slice(d * Words, Words)) & Vector512.Create((ulong)(long)(((d ^ digit) - 1) >> 31));
                }

                all.CopyTo(kept);
                break;
            case 256:
                var low = Vector256<ulong>.Zero;
                var high = Vector256<ulong>.Zero;
                for (var d = 0; d < count; d++)
                {
                    var mask = Vector256.Create((ulong)(long)(((d ^ digit) - 1) >> 31));
                    low |= Vector256.Create(entries.Slice(d * Words, 4)) & mask;
                    high |= Vector256.Create(entries.Slice((d * Words) + 4, 4)) & mask;
                }

                low.CopyTo(kept);
                high.CopyTo(kept[4..]);
                break;
            default:
                for (var d = 0; d < count; d++)
                {
                    var mask = (ulong)(long)(((d ^ digit) - 1) >> 31);
                    for (var w = 0; w < Words; w++)
                    {
                        kept[w] |= entries[(d * Words) + w] & mask;
                    }
                }

                break;
        }
    }

    /// <summary>The sum (group product) of points in native form. The result is public where this is used (a ciphertext, a commitment); the addition is libsecp256k1's, whose timing depends only on whether two operands coincide.</summary>
    public static byte[] SumNative(params byte[][] points)
    {
        OperationTrace.Record("sum");
        return Combine(points);
    }

    // The addition itself, recording nothing (a ladder power's extra points are part of that one secret power).
    private static byte[] Combine(byte[][] points)
    {
        var result = new byte[NativeLength];
        return Library().EcPubkeyCombine(result, points)
            ? result
            : throw new System.Security.Cryptography.CryptographicException("The points sum to the identity, which an honest computation reaches with probability 2^-256; compute again with fresh randomness.");
    }

    /// <summary>A group element in native form (the identity has none and is refused); the element keeps it, so callers only read it.</summary>
    public static byte[] Parse(GroupElement element)
    {
        if (element.IsIdentity)
        {
            throw new ArgumentException("The identity has no native form.", nameof(element));
        }

        _ = Library(); // says why where libsecp256k1 is missing
        return element.NativeForm() ?? throw new ArgumentException("libsecp256k1 refused the point.", nameof(element));
    }

    /// <summary>The canonical 33-byte encoding of a point in native form.</summary>
    public static void Encode(ReadOnlySpan<byte> point, Span<byte> encoded)
    {
        if (!Libsecp256k1.TryEncode(Library(), point, encoded))
        {
            throw new InvalidOperationException("libsecp256k1 could not encode a point.");
        }
    }

    /// <summary>A point in native form as a group element, which keeps that form (encoded or read into BouncyCastle's only when something asks).</summary>
    public static GroupElement ToElement(byte[] point) => GroupElement.FromNative(point);

    private static byte[] GeneratorPowerNative(Scalar secret, bool record)
    {
        if (record)
        {
            OperationTrace.Record("secret-power");
        }

        var result = new byte[NativeLength];
        var key = secret.Encode();
        try
        {
            if (!Library().EcPubkeyCreate(result, key))
            {
                throw ZeroSecret();
            }

            return result;
        }
        finally
        {
            Array.Clear(key);
        }
    }

    private static Secp256k1Net.Secp256k1 Library()
    {
        try
        {
            return Libsecp256k1.Current;
        }
        catch (Exception e) when (NativeLibraryFailure.Is(e))
        {
            throw MissingLibrary(e);
        }
    }

    // A zero nonce (or a product of them that is zero) has probability 2^-256 for honest randomness.
    private static System.Security.Cryptography.CryptographicException ZeroSecret() =>
        new("A secret scalar came out zero, which honest randomness does with probability 2^-256; compute again with fresh randomness.");

    // Secp256k1.Net ships libsecp256k1 for Windows, Linux and macOS on x64 and arm64; elsewhere there is no
    // constant-time multiplier to fall back on, so the operation stops with a message that says why.
    private static PlatformNotSupportedException MissingLibrary(Exception e) => new(
        $"Ballotline multiplies secrets only in constant time, with libsecp256k1, which the Secp256k1.Net package does not provide for {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}. Run the server and the trustee tool on Windows, Linux or macOS (x64 or arm64); verifying a record does not need it.",
        e);
}
