using System.Security.Cryptography;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Serialization;

namespace Ballotline.Crypto.Tests;

/// <summary>
/// A point read or computed by libsecp256k1 is kept in its forms (encoding, native) and read into BouncyCastle's only
/// on demand. These tests try to make the two ways of reading disagree — on what they accept, on which point they
/// give, on equality and hashing across forms, on the contest sum (including a sum at the identity).
/// </summary>
public sealed class PointFormsTests
{
    private const string FieldPrime = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";

    [Fact]
    public void Native_and_BouncyCastle_decoding_accept_the_same_encodings_as_the_same_points_and_refuse_the_rest_for_the_same_reason()
    {
        var accepted = 0;
        var refused = new HashSet<string>();
        foreach (var bytes in HostileAndHonestEncodings())
        {
            foreach (var allowIdentity in new[] { false, true })
            {
                var reference = Outcome(() => GroupElement.Decode(bytes, allowIdentity, PublicArithmetic.BouncyCastle));
                var native = Outcome(() => GroupElement.Decode(bytes, allowIdentity, PublicArithmetic.Native));
                Assert.Equal(reference.Check, native.Check);
                if (reference.Element is { } element)
                {
                    accepted++;
                    Assert.Equal(element, native.Element);
                    Assert.Equal(element.Encode(), native.Element!.Encode());
                    Assert.Equal(element.IsIdentity, native.Element.IsIdentity);
                    Assert.True(element.Point.Equals(native.Element.Point), "BouncyCastle's form of the natively read point differs");
                }
                else
                {
                    refused.Add(reference.Check!);
                }
            }
        }

        Assert.True(accepted > 1000, $"only {accepted} encodings were accepted: the comparison says little");
        Assert.Equal(["point.identity", "point.on-curve", "point.prefix", "point.range"], refused.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_point_in_any_form_equals_and_hashes_as_the_same_point_in_any_other()
    {
        for (var i = 0; i < 200; i++)
        {
            var k = Scalar.Random();
            var managed = GroupElement.GeneratorPower(k);
            var computed = ConstantTime.ToElement(ConstantTime.GeneratorPowerNative(k));
            var read = GroupElement.Decode(managed.Encode(), allowIdentity: false, PublicArithmetic.Native);
            foreach (var other in new[] { computed, read })
            {
                Assert.True(managed.Equals(other) && other.Equals(managed), "the forms disagree on equality");
                Assert.Equal(managed.GetHashCode(), other.GetHashCode());
                Assert.Equal(managed.ToHex(), other.ToHex());
                Assert.False(other.IsIdentity);
            }

            Assert.NotEqual(managed, GroupElement.GeneratorPower(k + Scalar.One));
            Assert.True(computed.Point.Equals(managed.Point), "BouncyCastle's form of a natively computed point differs");
        }
    }

    [Fact]
    public void A_contest_sum_of_natively_read_ciphertexts_equals_the_reference_sum_even_at_the_identity()
    {
        var key = new ElGamalPublicKey(GroupElement.GeneratorPower(Scalar.Random()));
        for (var round = 0; round < 50; round++)
        {
            var ciphertexts = Enumerable.Range(0, 1 + (round % 7)).Select(m => key.Encrypt(m % 2, Scalar.Random()).Ciphertext).ToList();
            var read = ciphertexts.Select(c => new ElGamalCiphertext(ReadNatively(c.Pad), ReadNatively(c.Data))).ToList();
            Assert.All(read, c => Assert.NotNull(c.Pad.CachedNativeForm));
            var reference = ElGamalCiphertext.Sum(ciphertexts.Select(c => new ElGamalCiphertext(new GroupElement(c.Pad.Point), new GroupElement(c.Data.Point))));
            var native = ElGamalCiphertext.Sum(read);
            Assert.NotNull(native.Pad.CachedNativeForm); // the native path answered
            Assert.Equal(reference, native);
        }

        // A ciphertext and its inverse sum to (identity, identity), which libsecp256k1 cannot hold: the reference answers.
        var c = key.Encrypt(1, Scalar.Random()).Ciphertext;
        var inverse = new ElGamalCiphertext(ReadNatively(c.Pad.Inverse()), ReadNatively(c.Data.Inverse()));
        var zero = ElGamalCiphertext.Sum([new ElGamalCiphertext(ReadNatively(c.Pad), ReadNatively(c.Data)), inverse]);
        Assert.True(zero.Pad.IsIdentity && zero.Data.IsIdentity);
        Assert.Equal(ElGamalCiphertext.Zero, zero);
    }

    [Fact]
    public void A_ballot_read_natively_gets_the_same_verdict_and_tracking_code_as_one_read_by_BouncyCastle_and_is_never_decoded_into_it()
    {
        var election = TestElection.Create(TestElection.OneOfFive());
        var ballot = BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "bob")).Ballot;
        var json = CryptoJson.Serialize(ballot);
        var native = CryptoJson.DeserializeBallot(json, PublicArithmetic.Native);
        var reference = CryptoJson.DeserializeBallot(json);
        Assert.Equal(reference.TrackingCode.FullHex, native.TrackingCode.FullHex);
        Assert.Equal(json, CryptoJson.Serialize(native));

        Assert.True(BallotVerifier.Verify(election.Context, native, PublicArithmetic.Native).IsValid);
        Assert.All(native.Contests.SelectMany(c => c.Selections), s => Assert.False(s.Ciphertext.Pad.HoldsManagedForm || s.Ciphertext.Data.HoldsManagedForm));
        Assert.True(BallotVerifier.Verify(election.Context, reference, PublicArithmetic.BouncyCastle).IsValid);

        // A tampered ciphertext (another point, re-serialised) fails both, for the same check.
        var tampered = json.Replace(ballot.Contests[0].Selections[0].Ciphertext.Pad.ToHex(), GroupElement.GeneratorPower(Scalar.Random()).ToHex(), StringComparison.Ordinal);
        var nativeVerdict = BallotVerifier.Verify(election.Context, CryptoJson.DeserializeBallot(tampered, PublicArithmetic.Native), PublicArithmetic.Native);
        var referenceVerdict = BallotVerifier.Verify(election.Context, CryptoJson.DeserializeBallot(tampered), PublicArithmetic.BouncyCastle);
        Assert.False(nativeVerdict.IsValid);
        Assert.Equal(referenceVerdict.Failures.Select(f => f.Check), nativeVerdict.Failures.Select(f => f.Check));
    }

    private static GroupElement ReadNatively(GroupElement element) => GroupElement.Decode(element.Encode(), allowIdentity: false, PublicArithmetic.Native);

    private static (string? Check, GroupElement? Element) Outcome(Func<GroupElement> decode)
    {
        try
        {
            return (null, decode());
        }
        catch (CryptoFormatException e)
        {
            return (e.Check, null);
        }
    }

    // Honest points of both parities, random x (about half have no point), x at and around p, x = 0, every prefix
    // byte a hostile client might send, and the all-zero identity.
    private static IEnumerable<byte[]> HostileAndHonestEncodings()
    {
        for (var i = 0; i < 600; i++)
        {
            yield return GroupElement.GeneratorPower(Scalar.Random()).Encode();
        }

        for (var i = 0; i < 1200; i++)
        {
            var bytes = RandomNumberGenerator.GetBytes(33);
            bytes[0] = (byte)(2 + (i % 2));
            yield return bytes;
        }

        foreach (var delta in new[] { -3, -2, -1, 0, 1, 2, 3 })
        {
            var x = (System.Numerics.BigInteger.Parse("0" + FieldPrime, System.Globalization.NumberStyles.HexNumber) + delta).ToByteArray(isUnsigned: true, isBigEndian: true);
            foreach (var prefix in new byte[] { 2, 3 })
            {
                var bytes = new byte[33];
                bytes[0] = prefix;
                x.CopyTo(bytes, 33 - x.Length);
                yield return bytes;
            }
        }

        var allOnes = Enumerable.Repeat((byte)0xff, 33).ToArray();
        allOnes[0] = 2;
        yield return allOnes;
        yield return [2, .. new byte[32]];
        yield return [3, .. new byte[32]];
        yield return new byte[33];
        foreach (var prefix in new byte[] { 0, 1, 4, 5, 6, 7, 0x82, 0xff })
        {
            var bytes = GroupElement.GeneratorPower(Scalar.Random()).Encode();
            bytes[0] = prefix;
            yield return bytes;
        }
    }
}
