using System.Buffers.Binary;
using Org.BouncyCastle.Math.EC;

namespace Ballotline.Crypto.Group;

/// <summary>
/// A point of secp256k1. Canonical encoding: SEC1 compressed, 33 bytes (0x02/0x03 then x, big-endian, x &lt; p).
/// The identity has no SEC1 compressed form; where a protocol allows it (an empty tally) it is 33 zero bytes.
/// Decoding rejects points off the curve, uncompressed or hybrid forms, x ≥ p, and the identity unless allowed.
/// </summary>
/// <remarks>
/// A point is held in up to three forms, each made from another on first use: BouncyCastle's, the canonical
/// encoding, and libsecp256k1's 64-byte form. A ballot the server checks natively is read into the encoding and the
/// native form and never into BouncyCastle's, whose square root (the decompression) had been the largest managed
/// cost of a cast; a ciphertext the native encryptor makes is kept in native form until something reads it.
/// </remarks>
public sealed class GroupElement : IEquatable<GroupElement>
{
    /// <summary>33: the length of the canonical (SEC1 compressed) encoding.</summary>
    public const int EncodedLength = 33;

    // At least one of the three is set; the others are filled on first use (a race computes the same value twice).
    private ECPoint? _point;
    private byte[]? _encoded;
    private byte[]? _native;

    private static readonly byte[] FieldPrimeBytes = Secp256k1.FieldPrime.ToByteArrayUnsigned();

    internal GroupElement(ECPoint point) => _point = point.IsNormalized() ? point : point.Normalize();

    // A point that is not the identity, from a canonical encoding already checked and, when known, its native form.
    private GroupElement(byte[]? encoded, byte[]? native)
    {
        _encoded = encoded;
        _native = native;
    }

    /// <summary>g, secp256k1's standard generator.</summary>
    public static GroupElement Generator { get; } = new(Secp256k1.Generator);

    /// <summary>The identity (the point at infinity).</summary>
    public static GroupElement Identity { get; } = new(Secp256k1.Infinity);

    internal ECPoint Point => _point ??= Secp256k1.Curve.DecodePoint(EncodedCache());

    /// <summary>Whether this is the identity (which only BouncyCastle's form can hold: the other two are made for points).</summary>
    public bool IsIdentity => _point is { } point && point.IsInfinity;

    /// <summary>A point libsecp256k1 computed, in its 64-byte form (kept; encoded on first use).</summary>
    internal static GroupElement FromNative(byte[] native) => new(null, native);

    /// <summary>Whether BouncyCastle's form has been made (tests show a natively checked ballot never needs it).</summary>
    internal bool HoldsManagedForm => _point is not null;

    /// <summary>This point in libsecp256k1's 64-byte form if it is held already (never parses).</summary>
    internal byte[]? CachedNativeForm => _native;

    /// <summary>This point in libsecp256k1's 64-byte form, parsed once; null for the identity, which has none, or where the library is missing.</summary>
    internal byte[]? NativeForm()
    {
        if (_native is not null || IsIdentity || !Libsecp256k1.IsAvailable)
        {
            return _native;
        }

        var native = new byte[ConstantTime.NativeLength];
        return Libsecp256k1.Current.EcPubkeyParse(native, EncodedSpan) ? _native = native : null;
    }

    /// <summary>g^e: fixed-base multiplication with the generator.</summary>
    public static GroupElement GeneratorPower(Scalar exponent) => FixedBase.Generator.Power(exponent);

    /// <summary>g^e for an integer, used to encode plaintext votes; small ones come from a table.</summary>
    public static GroupElement GeneratorPower(long exponent) =>
        exponent >= 0 && exponent < SmallPowers.Length ? SmallPowers[exponent] : GeneratorPower(Scalar.FromInt64(exponent));

    // g^0 … g^64: every value a selection or a contest sum can encrypt (see RangeProof.MaxBranches).
    private static readonly GroupElement[] SmallPowers = BuildSmallPowers(65);

    private static GroupElement[] BuildSmallPowers(int count)
    {
        var powers = new GroupElement[count];
        var current = Secp256k1.Infinity;
        for (var i = 0; i < count; i++)
        {
            powers[i] = new GroupElement(current);
            current = current.Add(Secp256k1.Generator);
        }

        return powers;
    }

    /// <summary>this^e for a public exponent, in variable time (fast); a secret exponent goes to <see cref="SecretPower"/>.</summary>
    public GroupElement Power(Scalar exponent)
    {
        OperationTrace.Record("public-power");
        return new(Point.Multiply(exponent.Value));
    }

    /// <summary>this^k for a secret k (a key, a key share, a nonce), in constant time.</summary>
    public GroupElement SecretPower(Scalar secret) => ConstantTime.Power(this, secret);

    /// <summary>g^k for a secret k (a key, a key share, a nonce), in constant time.</summary>
    public static GroupElement GeneratorSecretPower(Scalar secret) => ConstantTime.GeneratorPower(secret);

    /// <summary>this^a · other^b for public exponents in one interleaved multiplication (Shamir's trick with GLV).</summary>
    public GroupElement DoublePower(Scalar a, GroupElement other, Scalar b)
    {
        OperationTrace.Record("public-double-power");
        return new(ECAlgorithms.SumOfTwoMultiplies(Point, a.Value, other.Point, b.Value));
    }

    /// <summary>The group operation, written multiplicatively as in the ElGamal literature.</summary>
    public GroupElement Multiply(GroupElement other)
    {
        OperationTrace.Record("multiply");
        return new(Point.Add(other.Point));
    }

    /// <summary>this / other: the group operation with the other's inverse.</summary>
    public GroupElement Divide(GroupElement other)
    {
        OperationTrace.Record("divide");
        return new(Point.Subtract(other.Point));
    }

    /// <summary>The inverse element (the negated point).</summary>
    public GroupElement Inverse() => new(Point.Negate());

    /// <summary>The group operation (point addition, written multiplicatively).</summary>
    public static GroupElement operator *(GroupElement a, GroupElement b) => a.Multiply(b);

    /// <summary>The group operation with the right operand's inverse.</summary>
    public static GroupElement operator /(GroupElement a, GroupElement b) => a.Divide(b);

    /// <summary>The canonical 33-byte encoding (a copy).</summary>
    public byte[] Encode() => (byte[])EncodedCache().Clone();

    internal ReadOnlySpan<byte> EncodedSpan => EncodedCache();

    private byte[] EncodedCache()
    {
        if (_encoded is { } encoded)
        {
            return encoded;
        }

        if (_point is { } point)
        {
            return _encoded = point.IsInfinity ? new byte[EncodedLength] : point.GetEncoded(true);
        }

        encoded = new byte[EncodedLength];
        if (_native is null || !Libsecp256k1.TryEncode(Libsecp256k1.Current, _native, encoded))
        {
            throw new InvalidOperationException("libsecp256k1 could not encode a point.");
        }

        return _encoded = encoded;
    }

    /// <summary>The canonical encoding in lower-case hexadecimal.</summary>
    public string ToHex() => Convert.ToHexStringLower(EncodedCache());

    /// <summary>Decodes hexadecimal of the canonical encoding; see <see cref="Decode(ReadOnlySpan{byte}, bool)"/>.</summary>
    public static GroupElement FromHex(string hex, bool allowIdentity = false) =>
        Decode(Hex.Decode(hex, EncodedLength, "point"), allowIdentity);

    /// <summary>Decodes hexadecimal of the canonical encoding; see <see cref="Decode(ReadOnlySpan{byte}, bool, PublicArithmetic)"/>.</summary>
    public static GroupElement FromHex(string hex, bool allowIdentity, PublicArithmetic arithmetic) =>
        Decode(Hex.Decode(hex, EncodedLength, "point"), allowIdentity, arithmetic);

    /// <summary>Decodes the canonical encoding, refusing anything else (off the curve, uncompressed, hybrid, x ≥ p) and the identity unless <paramref name="allowIdentity"/>.</summary>
    public static GroupElement Decode(ReadOnlySpan<byte> bytes, bool allowIdentity = false) => Decode(bytes, allowIdentity, PublicArithmetic.BouncyCastle);

    /// <summary>
    /// <see cref="Decode(ReadOnlySpan{byte}, bool)"/>, the curve check made by <paramref name="arithmetic"/>: with
    /// <see cref="PublicArithmetic.Native"/> (where libsecp256k1 is loaded) the point is kept as its encoding and
    /// libsecp256k1's form, for a caller that checks proofs natively; the same inputs are refused either way.
    /// </summary>
    public static GroupElement Decode(ReadOnlySpan<byte> bytes, bool allowIdentity, PublicArithmetic arithmetic)
    {
        if (bytes.Length != EncodedLength)
        {
            throw new CryptoFormatException("point.length", $"A point must be {EncodedLength} bytes (SEC1 compressed), not {bytes.Length}.");
        }

        if (bytes.IndexOfAnyExcept((byte)0) < 0)
        {
            return allowIdentity
                ? Identity
                : throw new CryptoFormatException("point.identity", "The identity element is not allowed here.");
        }

        if (bytes[0] is not (0x02 or 0x03))
        {
            throw new CryptoFormatException("point.prefix", $"A point must start with 0x02 or 0x03 (compressed), not 0x{bytes[0]:x2}.");
        }

        // Big-endian bytes of equal length compare as the numbers do (no BigInteger made for every point read).
        if (bytes[1..].SequenceCompareTo(FieldPrimeBytes) >= 0)
        {
            throw new CryptoFormatException("point.range", "The point's x coordinate is not below the field prime; the encoding is not canonical.");
        }

        if (arithmetic == PublicArithmetic.Native && Libsecp256k1.IsAvailable)
        {
            // libsecp256k1's parser (NativeForm) refuses what BouncyCastle's does here: x ≥ p (checked above too) and an
            // x with no point on the curve (x³ + 7 not a square).
            var element = new GroupElement(bytes.ToArray(), null);
            return element.NativeForm() is not null
                ? element
                : throw new CryptoFormatException("point.on-curve", "The bytes do not encode a point on secp256k1.");
        }

        ECPoint point;
        try
        {
            point = Secp256k1.Curve.DecodePoint(bytes.ToArray());
        }
        catch (ArgumentException e)
        {
            throw new CryptoFormatException("point.on-curve", "The bytes do not encode a point on secp256k1.", e);
        }

        if (!point.IsValid())
        {
            throw new CryptoFormatException("point.on-curve", "The bytes do not encode a point on secp256k1.");
        }

        return new GroupElement(point);
    }

    /// <inheritdoc />
    /// <remarks>Compares the canonical encodings, which are one per point (the identity's is all zeros).</remarks>
    public bool Equals(GroupElement? other) => other is not null && (ReferenceEquals(this, other) || EncodedSpan.SequenceEqual(other.EncodedSpan));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GroupElement);

    /// <inheritdoc />
    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(EncodedSpan[1..]) ^ EncodedSpan[0];

    /// <inheritdoc />
    public override string ToString() => ToHex();

    /// <summary>Whether both are the same point (or both null).</summary>
    public static bool operator ==(GroupElement? a, GroupElement? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Whether the points differ.</summary>
    public static bool operator !=(GroupElement? a, GroupElement? b) => !(a == b);
}
