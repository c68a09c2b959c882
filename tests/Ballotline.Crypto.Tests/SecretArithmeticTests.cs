using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Group;
using Org.BouncyCastle.Math;

namespace Ballotline.Crypto.Tests;

/// <summary>
/// Arithmetic modulo n on secrets goes through libsecp256k1's constant-time scalar operations and gives exactly what
/// BouncyCastle's BigInteger gives, zeros included (which libsecp256k1 refuses and BouncyCastle then answers); a
/// ballot's encryption and a trustee's decryption share do all of theirs that way.
/// </summary>
public sealed class SecretArithmeticTests
{
    [Fact]
    public void A_plus_b_times_c_equals_the_reference_on_random_and_edge_values()
    {
        var minusOne = Scalar.FromInt64(-1);
        Scalar[] edges = [Scalar.Zero, Scalar.One, minusOne, Scalar.FromInt64(2), Scalar.Reduce(BigInteger.One.ShiftLeft(255))];
        var values = edges.Concat(Enumerable.Range(0, 30).Select(_ => Scalar.Random())).ToArray();
        foreach (var a in values)
        {
            foreach (var b in values.Take(12))
            {
                var c = Scalar.Random();
                Assert.Equal(a + (b * c), SecretArithmetic.MultiplyAdd(a, b, c));
                Assert.Equal(a + (c * b), SecretArithmetic.MultiplyAdd(a, c, b));
                Assert.Equal(a + b, SecretArithmetic.Add(a, b));
            }
        }
    }

    [Fact]
    public void A_zero_operand_or_a_zero_result_is_answered_exactly_by_the_reference()
    {
        var (b, c) = (Scalar.Random(), Scalar.Random());
        List<string> trace = [];

        trace = OperationTrace.Of(() => Assert.Equal(Scalar.Zero, SecretArithmetic.MultiplyAdd(-(b * c), b, c)));
        Assert.Equal(["variable-time-arithmetic"], trace);

        trace = OperationTrace.Of(() => Assert.Equal(b, SecretArithmetic.MultiplyAdd(b, Scalar.Zero, c)));
        Assert.Equal(["variable-time-arithmetic"], trace);

        trace = OperationTrace.Of(() => Assert.Equal(b * c, SecretArithmetic.MultiplyAdd(Scalar.Zero, b, c)));
        Assert.Equal(["secret-arithmetic"], trace); // a zero addend is no zero operand for libsecp256k1
    }

    [Fact]
    public void A_small_secret_is_the_same_scalar_as_the_integer_and_a_negative_one_is_refused()
    {
        for (var v = 0; v <= 64; v++)
        {
            Assert.Equal(Scalar.FromInt64(v), SecretArithmetic.FromSmall(v));
            Assert.Equal(Scalar.FromInt64(v).Encode(), SecretArithmetic.FromSmall(v).Encode());
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => SecretArithmetic.FromSmall(-1));
    }

    [Fact]
    public void A_random_scalar_is_canonical_non_zero_and_equal_to_its_decoding()
    {
        for (var i = 0; i < 200; i++)
        {
            var k = Scalar.Random();
            Assert.False(k.IsZero);
            var decoded = Scalar.Decode(k.Encode());
            Assert.Equal(decoded, k);
            Assert.Equal(decoded.GetHashCode(), k.GetHashCode());
            Assert.True(k.Value.CompareTo(Secp256k1.Order) < 0);
        }
    }

    [Fact]
    public void Encrypting_a_ballot_and_making_a_decryption_share_compute_on_secrets_only_in_constant_time()
    {
        var election = TestElection.Create(trustees: 3, quorum: 2);
        var encrypting = OperationTrace.Of(() => BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "carol")));
        // Per selection: the fake branch's s and shift and the true branch's response; the contest's nonce sum (five
        // additions); the sum proof over [1, 1], whose one branch is the true one: its response.
        Assert.Equal((5 * 3) + 5 + 1, encrypting.Count(o => o == "secret-arithmetic"));
        Assert.DoesNotContain("variable-time-arithmetic", encrypting);

        var ciphertexts = Enumerable.Range(0, 3).Select(i => election.Context.PublicKey.Encrypt(i % 2, Scalar.Random()).Ciphertext).ToList();
        var sharing = OperationTrace.Of(() => election.Keys[0].Decrypt(election.Context, ciphertexts));
        Assert.Contains("secret-arithmetic", sharing);
        Assert.DoesNotContain("variable-time-arithmetic", sharing);
    }
}
