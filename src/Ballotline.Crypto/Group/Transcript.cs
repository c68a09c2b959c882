using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ballotline.Crypto.Group;

/// <summary>
/// The canonical, length-prefixed encoding that every hash in Ballotline is computed over: Fiat–Shamir
/// challenges, context hashes and tracking codes. Each field is a one-byte tag, a 4-byte big-endian length
/// and the bytes, so no two different field sequences encode to the same bytes. The first field is
/// always a domain label (e.g. <c>ballotline/v1/range-proof</c>) so a hash made for one purpose is never
/// accepted for another.
/// </summary>
public sealed class Transcript
{
    private const byte TagLabel = 0x01;
    private const byte TagBytes = 0x02;
    private const byte TagScalar = 0x03;
    private const byte TagPoint = 0x04;
    private const byte TagInteger = 0x05;
    private const byte TagText = 0x06;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    // Only for worked examples (tests/vectors/worked-example.json): the exact bytes that are hashed.
    private readonly MemoryStream? _recorded;

    /// <summary>A transcript for one purpose: the domain label is hashed first, so transcripts of different purposes never collide.</summary>
    public Transcript(string domain)
        : this(domain, record: false)
    {
    }

    private Transcript(string domain, bool record)
    {
        _recorded = record ? new MemoryStream() : null;
        Append(TagLabel, Encoding.UTF8.GetBytes(domain));
    }

    /// <summary>A transcript that also keeps its input, so a worked example can show every byte that is hashed.</summary>
    internal static Transcript Recording(string domain) => new(domain, record: true);

    /// <summary>The bytes hashed so far (a <see cref="Recording"/> transcript only).</summary>
    internal byte[] RecordedInput => _recorded?.ToArray() ?? throw new InvalidOperationException("This transcript does not record its input.");

    /// <summary>Appends bytes, tagged and length-prefixed.</summary>
    public Transcript Bytes(ReadOnlySpan<byte> value) => Append(TagBytes, value);

    /// <summary>Appends UTF-8 text, tagged and length-prefixed.</summary>
    public Transcript Text(string value) => Append(TagText, Encoding.UTF8.GetBytes(value));

    /// <summary>Appends an integer as 8 bytes big-endian, tagged.</summary>
    public Transcript Number(long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        return Append(TagInteger, buffer);
    }

    /// <summary>Appends a scalar's canonical encoding, tagged.</summary>
    public Transcript Element(Scalar value) => Append(TagScalar, value.Encode());

    /// <summary>Appends a group element's canonical encoding, tagged.</summary>
    public Transcript Element(GroupElement value) => Append(TagPoint, value.EncodedSpan);

    /// <summary>Appends a group element already in its canonical 33-byte encoding (as libsecp256k1 writes it), tagged as <see cref="Element(GroupElement)"/> does.</summary>
    internal Transcript Point(ReadOnlySpan<byte> encoded) => Append(TagPoint, encoded);

    /// <summary>SHA-256 of everything appended. The transcript cannot be used afterwards.</summary>
    public byte[] Digest()
    {
        var digest = _hash.GetHashAndReset();
        _hash.Dispose();
        return digest;
    }

    /// <summary>The digest read as an integer modulo n (n is within 2^-128 of 2^256, so the bias is negligible).</summary>
    public Scalar ChallengeScalar() => Scalar.Reduce(new Org.BouncyCastle.Math.BigInteger(1, Digest()));

    private Transcript Append(byte tag, ReadOnlySpan<byte> value)
    {
        Span<byte> header = stackalloc byte[5];
        header[0] = tag;
        BinaryPrimitives.WriteInt32BigEndian(header[1..], value.Length);
        _hash.AppendData(header);
        _hash.AppendData(value);
        _recorded?.Write(header);
        _recorded?.Write(value);
        return this;
    }
}
