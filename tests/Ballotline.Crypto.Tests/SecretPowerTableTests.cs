using System.Security.Cryptography;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Org.BouncyCastle.Math;

namespace Ballotline.Crypto.Tests;

/// <summary>
/// The election key's constant-time comb (K^k as a sum of one entry per base-32 digit of k, every entry of a window
/// read) against BouncyCastle's variable-time reference: every entry, random and edge secrets, extra points added in
/// the same sum, and a key built so that an entry would be the identity, which must fall back to the ladder and
/// still encrypt correctly.
/// </summary>
public sealed class SecretPowerTableTests
{
    private static readonly ElGamalPublicKey Key = ElGamalKeyPair.Generate().PublicKey;

    [Fact]
    public void Every_digit_of_every_window_gives_its_digit_times_its_power_of_32_times_the_key()
    {
        var table = Assert.IsType<SecretPowerTable>(Key.SecretTable);
        var checkedEntries = 0;
        for (var window = 0; window < 52; window++)
        {
            var digits = window == 51 ? 1 : 31; // bit 255 alone in the last window
            for (var digit = 1; digit <= digits; digit++)
            {
                var secret = Scalar.Reduce(BigInteger.ValueOf(digit).ShiftLeft(5 * window));
                Assert.Equal(Key.Power(secret).Encode(), Encode(table.Power(secret)));
                checkedEntries++;
            }
        }

        Assert.Equal((51 * 31) + 1, checkedEntries);
    }

    [Fact]
    public void K_to_a_random_or_edge_secret_times_extra_points_equals_BouncyCastle()
    {
        var table = Assert.IsType<SecretPowerTable>(Key.SecretTable);
        Scalar[] edges =
        [
            Scalar.One, Scalar.FromInt64(31), Scalar.FromInt64(32), Scalar.FromInt64(-1), Scalar.FromInt64(-2),
            Scalar.Reduce(BigInteger.One.ShiftLeft(255)), Scalar.Reduce(BigInteger.One.ShiftLeft(255).Subtract(BigInteger.One)),
            Scalar.Reduce(BigInteger.One.ShiftLeft(250)), // every window but one at digit 0
        ];
        foreach (var k in edges.Concat(Enumerable.Range(0, 200).Select(_ => Scalar.Random())))
        {
            var extra = GroupElement.GeneratorPower(Scalar.Random());
            Assert.Equal(Key.Power(k).Encode(), Encode(table.Power(k)));
            Assert.Equal((Key.Power(k) * extra).Encode(), Encode(table.Power(k, ConstantTime.Parse(extra))));
            Assert.Equal(Encode(ConstantTime.PowerNative(Key.Native, k)), Encode(Key.SecretPowerNative(k)));
        }
    }

    [Fact]
    public void An_extra_point_that_doubles_or_cancels_the_power_is_added_correctly_or_refused()
    {
        var table = Assert.IsType<SecretPowerTable>(Key.SecretTable);
        var k = Scalar.Random();
        var power = Key.Power(k);

        Assert.Equal(Key.Power(k + k).Encode(), Encode(table.Power(k, ConstantTime.Parse(power))));
        Assert.Throws<CryptographicException>(() => table.Power(k, ConstantTime.Parse(power.Inverse())));
        Assert.Throws<CryptographicException>(() => table.Power(Scalar.Zero)); // the offsets sum to the identity
    }

    [Fact]
    public void A_key_whose_comb_would_hold_the_identity_has_none_and_still_encrypts_correctly()
    {
        // K = 51·g makes window 0's digit 1, K − 51·g, the identity: no comb, so K^k goes through the ladder.
        var key = new ElGamalPublicKey(GroupElement.GeneratorPower(Scalar.FromInt64(51)));
        Assert.Null(key.SecretTable);

        var k = Scalar.Random();
        var extra = GroupElement.GeneratorPower(Scalar.Random());
        Assert.Equal((key.Power(k) * extra).Encode(), Encode(key.SecretPowerNative(k, ConstantTime.Parse(extra))));
        for (var m = 0L; m <= 1; m++)
        {
            var r = Scalar.Random();
            Assert.Equal(key.Power(r) * GroupElement.GeneratorPower(m), key.Encrypt(m, r).Ciphertext.Data);
        }
    }

    [Fact]
    public void Ballots_encrypted_under_a_key_without_a_comb_verify_like_any_other()
    {
        var key = new ElGamalPublicKey(GroupElement.GeneratorPower(Scalar.FromInt64(51)));
        var context = new Election.ElectionContext(TestElection.OneOfFive(), 1, 1, key, new byte[32]);
        Assert.Null(context.PublicKey.SecretTable);

        var ballot = BallotEncryptor.Encrypt(context, PlaintextBallot.ForContest("mayor", "bob")).Ballot;

        Assert.True(BallotVerifier.Verify(context, ballot, PublicArithmetic.Native).IsValid);
        Assert.True(BallotVerifier.Verify(context, ballot, PublicArithmetic.BouncyCastle).IsValid);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(64)]
    public void The_masked_selection_keeps_exactly_the_wanted_entry_at_every_register_width(int registerBits)
    {
        var entries = new ulong[32 * 8];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = (ulong)System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue) * 0x9E3779B97F4A7C15UL;
        }

        var kept = new ulong[8];
        for (var digit = 0; digit < 32; digit++)
        {
            ConstantTime.Select(entries, digit, kept, registerBits);
            Assert.Equal(entries.AsSpan(digit * 8, 8).ToArray(), kept);
        }

        ConstantTime.Select(entries.AsSpan(0, 2 * 8), 1, kept, registerBits); // the last window: two entries
        Assert.Equal(entries.AsSpan(8, 8).ToArray(), kept);
    }

    [Fact]
    public void A_key_keeps_the_ladder_for_its_first_48_powers_then_builds_its_comb_and_the_powers_agree_across_the_switch()
    {
        // A simulated voter's device rebuilds the election's context for one or two ballots (16 powers of K each):
        // building a comb (~300 ladder powers' time) for those would make them slower, not faster.
        var key = ElGamalKeyPair.Generate().PublicKey;
        var reference = ElGamalKeyPair.Generate().PublicKey; // never raised: no comb
        for (var i = 1; i <= 50; i++)
        {
            var k = Scalar.Random();
            Assert.Equal(key.Power(k).Encode(), Encode(key.SecretPowerNative(k)));
            Assert.Equal(i > 48, key.CombBuilt);
        }

        Assert.False(reference.CombBuilt);
    }

    [Fact]
    public void One_comb_is_built_per_key_and_shared_by_every_thread()
    {
        var key = ElGamalKeyPair.Generate().PublicKey;
        var tables = new System.Collections.Concurrent.ConcurrentBag<object>();
        Parallel.For(0, 8, _ => tables.Add(key.SecretTable!));
        Assert.Single(tables.Distinct(ReferenceEqualityComparer.Instance));
    }

    private static byte[] Encode(byte[] native)
    {
        var encoded = new byte[GroupElement.EncodedLength];
        ConstantTime.Encode(native, encoded);
        return encoded;
    }
}
