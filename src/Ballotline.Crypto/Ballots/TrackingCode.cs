namespace Ballotline.Crypto.Ballots;

/// <summary>
/// A ballot's tracking code: the full SHA-256 (64 hex digits) and a short form for people — the first 80 bits
/// in Crockford base32, four groups of four (e.g. <c>7K3M-Q9XA-4HBN-20TF</c>), which avoids I, L, O and U.
/// </summary>
public sealed class TrackingCode : IEquatable<TrackingCode>
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private readonly byte[] _hash;

    private TrackingCode(byte[] hash) => _hash = hash;

    /// <summary>The whole 32-byte hash in lower-case hexadecimal: what the ballot log and the chain's roots commit to.</summary>
    public string FullHex => Convert.ToHexStringLower(_hash);

    /// <summary>The first 80 bits in Crockford base32, four groups of four: what a voter reads and types.</summary>
    public string ShortCode
    {
        get
        {
            // 80 bits → 16 base32 digits.
            var bits = new System.Numerics.BigInteger(_hash.AsSpan(0, 10), isUnsigned: true, isBigEndian: true);
            var chars = new char[19];
            for (int i = 15, pos = 18; i >= 0; i--, pos--)
            {
                chars[pos] = Alphabet[(int)(bits & 31)];
                bits >>= 5;
                if (i % 4 == 0 && i > 0)
                {
                    chars[--pos] = '-';
                }
            }

            return new string(chars);
        }
    }

    /// <summary>A copy of the 32-byte hash.</summary>
    public byte[] ToBytes() => (byte[])_hash.Clone();

    /// <summary>The tracking code of a ballot: the hash of its canonical encoding (docs/cryptography.md).</summary>
    public static TrackingCode Of(EncryptedBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        return new TrackingCode(ballot.CanonicalDigest());
    }

    /// <summary>Parses the full form (64 hex digits).</summary>
    public static TrackingCode Parse(string full) => new(Group.Hex.Decode(full?.Trim().ToLowerInvariant(), 32, "tracking code"));

    /// <summary>Normalises what a person typed as a short code: case, spaces, dashes and the look-alikes O/I/L.</summary>
    public static string NormalizeShort(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var digits = new System.Text.StringBuilder(16);
        foreach (var raw in typed.ToUpperInvariant())
        {
            var c = raw switch { 'O' => '0', 'I' or 'L' => '1', _ => raw };
            if (Alphabet.Contains(c, StringComparison.Ordinal))
            {
                digits.Append(c);
            }
            else if (c is not ('-' or ' '))
            {
                throw new CryptoFormatException("tracking-code.character", $"'{raw}' cannot appear in a tracking code.");
            }
        }

        if (digits.Length != 16)
        {
            throw new CryptoFormatException("tracking-code.length", $"A short tracking code has 16 characters; '{typed}' has {digits.Length}.");
        }

        var s = digits.ToString();
        return $"{s[..4]}-{s[4..8]}-{s[8..12]}-{s[12..]}";
    }

    /// <inheritdoc />
    public bool Equals(TrackingCode? other) => other is not null && _hash.AsSpan().SequenceEqual(other._hash);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TrackingCode);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_hash, 0);

    /// <inheritdoc />
    public override string ToString() => ShortCode;
}
