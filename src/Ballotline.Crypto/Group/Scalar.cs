using System.Globalization;
using System.Security.Cryptography;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Ballotline.Crypto.Group;

/// <summary>
/// An integer modulo the group order n. Its one canonical encoding is 32 bytes big-endian, value &lt; n.
/// </summary>
public sealed class Scalar : IEquatable<Scalar>
{
    /// <summary>32: the length of the canonical (big-endian) encoding.</summary>
    public const int EncodedLength = 32;

    // One of the two is set; the other is made on first use. A scalar that libsecp256k1 produced or checked (a fresh
    // random one, the result of constant-time arithmetic on secrets) keeps its canonical bytes and is never turned
    // into a BigInteger unless variable-time code asks for one: BouncyCastle's conversions and arithmetic take
    // time that depends on the value.
    private BigInteger? _value;
    private readonly byte[]? _encoded;

    private Scalar(BigInteger value) => _value = value;

    private Scalar(byte[] canonical) => _encoded = canonical;

    /// <summary>0.</summary>
    public static Scalar Zero { get; } = new(BigInteger.Zero);

    /// <summary>1.</summary>
    public static Scalar One { get; } = new(BigInteger.One);

    internal BigInteger Value => _value ??= new BigInteger(1, _encoded!);

    /// <summary>Whether this is 0.</summary>
    public bool IsZero => _encoded is { } encoded ? AllZero(encoded) : _value!.SignValue == 0;

    // Every byte ORed, no early exit: the bytes may be a secret's.
    private static bool AllZero(ReadOnlySpan<byte> bytes)
    {
        var any = 0;
        foreach (var b in bytes)
        {
            any |= b;
        }

        return any == 0;
    }

    /// <summary>A scalar from 32 big-endian bytes already known to be below n (libsecp256k1 checked or produced them); the array is kept, not copied.</summary>
    internal static Scalar FromCanonical(byte[] canonical) => new(canonical);

    /// <summary>Reduces any integer (negative too) modulo n.</summary>
    internal static Scalar Reduce(BigInteger value) => new(value.Mod(Secp256k1.Order));

    /// <summary>The integer modulo n (negative values wrap).</summary>
    public static Scalar FromInt64(long value) => Reduce(BigInteger.ValueOf(value));

    /// <summary>Reduces a wide (e.g. 64-byte) uniformly random string modulo n; the bias is below 2^-256.</summary>
    internal static Scalar FromWideBytes(ReadOnlySpan<byte> bytes) => Reduce(new BigInteger(1, bytes.ToArray()));

    /// <summary>Decodes the canonical 32-byte encoding, refusing values that are not below n.</summary>
    public static Scalar Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != EncodedLength)
        {
            throw new CryptoFormatException("scalar.length", $"A scalar must be {EncodedLength} bytes, not {bytes.Length}.");
        }

        if (!BelowOrder(bytes))
        {
            throw new CryptoFormatException("scalar.range", "A scalar must be less than the group order; this encoding is not canonical.");
        }

        return new Scalar(bytes.ToArray());
    }

    /// <summary>n, big-endian: the bound a canonical scalar (and an x coordinate usable as an ECDSA r) stays below.</summary>
    internal static ReadOnlySpan<byte> OrderBytes =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    // Whether 32 big-endian bytes are below n: the borrow of bytes − n, taken through every byte without an early exit
    // (a decoded scalar may be a secret: a sealed trustee key).
    private static bool BelowOrder(ReadOnlySpan<byte> bytes)
    {
        var borrow = 0;
        for (var i = EncodedLength - 1; i >= 0; i--)
        {
            borrow = ((bytes[i] - OrderBytes[i] - borrow) >> 31) & 1;
        }

        return borrow == 1;
    }

    /// <summary>
    /// Bits w·i … w·i + w − 1 of a 256-bit big-endian encoding, least significant first: digit <paramref name="window"/>
    /// of the number in base 2^<paramref name="windowBits"/>, as the keys' tables read exponents. Which bits are read
    /// depends on the window only, so it may read a secret.
    /// </summary>
    internal static int Digit(ReadOnlySpan<byte> bigEndian, int window, int windowBits)
    {
        var value = 0;
        for (var k = 0; k < windowBits; k++)
        {
            var bit = (window * windowBits) + k;
            if (bit < 256)
            {
                value |= ((bigEndian[31 - (bit >> 3)] >> (bit & 7)) & 1) << k;
            }
        }

        return value;
    }

    /// <summary>Decodes 64 lower-case or upper-case hex digits.</summary>
    public static Scalar FromHex(string hex) => Decode(Hex.Decode(hex, EncodedLength, "scalar"));

    /// <summary>The canonical 32-byte big-endian encoding.</summary>
    public byte[] Encode()
    {
        var encoded = new byte[EncodedLength];
        EncodeInto(encoded);
        return encoded;
    }

    /// <summary>The canonical encoding written into 32 bytes (no array made when the scalar holds its bytes).</summary>
    internal void EncodeInto(Span<byte> destination)
    {
        if (_encoded is { } encoded)
        {
            encoded.CopyTo(destination);
            return;
        }

        destination[..EncodedLength].Clear();
        var bytes = Value.ToByteArrayUnsigned();
        bytes.CopyTo(destination[(EncodedLength - bytes.Length)..EncodedLength]);
    }

    /// <summary>The canonical encoding in lower-case hexadecimal.</summary>
    public string ToHex() => Convert.ToHexStringLower(Encode());

    /// <summary>this + other modulo n.</summary>
    public Scalar Add(Scalar other) => new(Value.Add(other.Value).Mod(Secp256k1.Order));

    /// <summary>this − other modulo n.</summary>
    public Scalar Subtract(Scalar other) => new(Value.Subtract(other.Value).Mod(Secp256k1.Order));

    /// <summary>this · other modulo n.</summary>
    public Scalar Multiply(Scalar other) => new(Value.Multiply(other.Value).Mod(Secp256k1.Order));

    /// <summary>−this modulo n.</summary>
    public Scalar Negate() => new(Value.Negate().Mod(Secp256k1.Order));

    /// <summary>this⁻¹ modulo n; 0 has none and is refused.</summary>
    public Scalar Inverse()
    {
        if (IsZero)
        {
            throw new InvalidOperationException("Zero has no inverse.");
        }

        return new Scalar(Value.ModInverse(Secp256k1.Order));
    }

    /// <summary>The value as a 64-bit integer, for small plaintexts (vote counts). Throws when it does not fit.</summary>
    public long ToInt64()
    {
        if (Value.BitLength > 62)
        {
            throw new OverflowException("The scalar does not fit a 64-bit count.");
        }

        return Value.LongValue;
    }

    /// <summary>A fresh scalar from the operating system's CSPRNG, uniform over [1, n) (0 has probability 2^-256 anyway).</summary>
    public static Scalar Random()
    {
        // 32 random bytes, drawn again until libsecp256k1's constant-time check finds them in [1, n) (a redraw has
        // probability ~2^-128): no reduction of the secret by BouncyCastle, whose division is neither fast nor
        // constant time. Where the library is missing (a verifier on another platform: its weights are not secrets
        // anyone else sees), 64 bytes reduced modulo n.
        if (Libsecp256k1.IsAvailable)
        {
            var library = Libsecp256k1.Current;
            var candidate = new byte[EncodedLength];
            do
            {
                RandomNumberGenerator.Fill(candidate);
            }
            while (!library.EcSeckeyVerify(candidate));

            return new Scalar(candidate);
        }

        Span<byte> wide = stackalloc byte[64];
        RandomNumberGenerator.Fill(wide);
        return FromWideBytes(wide);
    }

    /// <summary>Addition modulo n.</summary>
    public static Scalar operator +(Scalar a, Scalar b) => a.Add(b);

    /// <summary>Subtraction modulo n.</summary>
    public static Scalar operator -(Scalar a, Scalar b) => a.Subtract(b);

    /// <summary>Multiplication modulo n.</summary>
    public static Scalar operator *(Scalar a, Scalar b) => a.Multiply(b);

    /// <summary>Negation modulo n.</summary>
    public static Scalar operator -(Scalar a) => a.Negate();

    /// <inheritdoc />
    public bool Equals(Scalar? other) => other is not null && Value.Equals(other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Scalar);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => ToHex();

    /// <summary>Whether both are the same residue (or both null).</summary>
    public static bool operator ==(Scalar? a, Scalar? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Whether the residues differ.</summary>
    public static bool operator !=(Scalar? a, Scalar? b) => !(a == b);

    internal static string Describe(long value) => value.ToString(CultureInfo.InvariantCulture);
}
