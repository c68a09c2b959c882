using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.Tests;

public sealed class GroupEncodingTests
{
    private const string Order = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    private const string FieldPrime = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";

    [Fact]
    public void A_point_or_scalar_written_in_upper_case_hex_is_refused_as_not_canonical()
    {
        var scalar = Scalar.Random();
        var point = GroupElement.GeneratorPower(scalar);
        Assert.Equal("scalar.hex", Assert.Throws<CryptoFormatException>(() => Scalar.FromHex(scalar.ToHex().ToUpperInvariant())).Check);
        Assert.Equal("point.hex", Assert.Throws<CryptoFormatException>(() => GroupElement.FromHex(point.ToHex().ToUpperInvariant())).Check);
        Assert.Equal(point, GroupElement.FromHex(point.ToHex()));
    }

    [Fact]
    public void A_scalar_round_trips_through_its_canonical_encoding()
    {
        var scalar = Scalar.FromInt64(123456789);
        Assert.Equal(scalar, Scalar.Decode(scalar.Encode()));
        Assert.Equal(scalar, Scalar.FromHex(scalar.ToHex()));
        Assert.Equal(32, scalar.Encode().Length);
    }

    [Fact]
    public void A_scalar_equal_to_the_group_order_is_rejected_as_non_canonical()
    {
        var e = Assert.Throws<CryptoFormatException>(() => Scalar.FromHex(Order));
        Assert.Equal("scalar.range", e.Check);
    }

    [Fact]
    public void The_range_check_agrees_with_integer_comparison_at_and_around_the_order()
    {
        // Decoding compares the bytes with n without an early exit (a decoded scalar may be a secret); around n, at
        // every byte position, it must agree with BigInteger's comparison.
        var largest = Org.BouncyCastle.Math.BigInteger.One.ShiftLeft(256).Subtract(Org.BouncyCastle.Math.BigInteger.One);
        var n = new Org.BouncyCastle.Math.BigInteger(Order, 16);
        var candidates = new List<Org.BouncyCastle.Math.BigInteger> { Org.BouncyCastle.Math.BigInteger.Zero, n.Subtract(Org.BouncyCastle.Math.BigInteger.One), n, n.Add(Org.BouncyCastle.Math.BigInteger.One), largest };
        for (var bit = 0; bit < 256; bit += 7)
        {
            candidates.Add(n.FlipBit(bit));
            candidates.Add(n.Subtract(Org.BouncyCastle.Math.BigInteger.One.ShiftLeft(bit)));
        }

        foreach (var value in candidates.Where(v => v.SignValue >= 0 && v.BitLength <= 256))
        {
            var bytes = value.ToByteArrayUnsigned();
            var encoded = new byte[32];
            bytes.CopyTo(encoded, 32 - bytes.Length);
            if (value.CompareTo(n) < 0)
            {
                Assert.Equal(encoded, Scalar.Decode(encoded).Encode());
            }
            else
            {
                Assert.Equal("scalar.range", Assert.Throws<CryptoFormatException>(() => Scalar.Decode(encoded)).Check);
            }
        }
    }

    [Theory]
    [InlineData("00")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void A_scalar_of_the_wrong_length_or_alphabet_is_rejected(string hex)
    {
        var e = Assert.Throws<CryptoFormatException>(() => Scalar.FromHex(hex));
        Assert.StartsWith("scalar.", e.Check, StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_round_trips_through_its_compressed_encoding()
    {
        var point = GroupElement.GeneratorPower(Scalar.FromInt64(42));
        var encoded = point.Encode();
        Assert.Equal(33, encoded.Length);
        Assert.Equal(point, GroupElement.Decode(encoded));
    }

    [Fact]
    public void The_identity_is_rejected_unless_the_caller_allows_it()
    {
        var zeros = new byte[33];
        Assert.Equal("point.identity", Assert.Throws<CryptoFormatException>(() => GroupElement.Decode(zeros)).Check);
        Assert.True(GroupElement.Decode(zeros, allowIdentity: true).IsIdentity);
    }

    [Fact]
    public void An_uncompressed_encoding_is_rejected_as_non_canonical()
    {
        var bytes = GroupElement.Generator.Encode();
        bytes[0] = 0x04;
        Assert.Equal("point.prefix", Assert.Throws<CryptoFormatException>(() => GroupElement.Decode(bytes)).Check);
    }

    [Fact]
    public void An_x_coordinate_not_below_the_field_prime_is_rejected()
    {
        var bytes = Convert.FromHexString("02" + FieldPrime);
        Assert.Equal("point.range", Assert.Throws<CryptoFormatException>(() => GroupElement.Decode(bytes)).Check);
    }

    [Fact]
    public void An_x_coordinate_with_no_point_on_the_curve_is_rejected()
    {
        // x = 5: 5³ + 7 = 132 is not a square mod p, so no point of secp256k1 has it.
        var bytes = new byte[33];
        bytes[0] = 0x02;
        bytes[32] = 5;
        Assert.Equal("point.on-curve", Assert.Throws<CryptoFormatException>(() => GroupElement.Decode(bytes)).Check);
    }

    [Fact]
    public void A_point_of_the_wrong_length_is_rejected()
    {
        Assert.Equal("point.length", Assert.Throws<CryptoFormatException>(() => GroupElement.Decode(new byte[32])).Check);
    }

    [Fact]
    public void Transcripts_with_the_same_bytes_split_differently_hash_differently()
    {
        var a = new Transcript("test").Text("ab").Text("c").Digest();
        var b = new Transcript("test").Text("a").Text("bc").Digest();
        var c = new Transcript("other").Text("ab").Text("c").Digest();
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Deterministic_nonces_repeat_for_the_same_seed_and_differ_for_another()
    {
        var first = NonceSource.Deterministic([1, 2, 3]);
        var again = NonceSource.Deterministic([1, 2, 3]);
        var other = NonceSource.Deterministic([1, 2, 4]);
        var x = first.NextScalar();
        Assert.Equal(x, again.NextScalar());
        Assert.NotEqual(x, other.NextScalar());
        Assert.NotEqual(x, first.NextScalar());
    }
}
