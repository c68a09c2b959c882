using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Ballotline.Crypto.Tests;

/// <summary>
/// The election key's table of multiples (K^v as a sum of one entry per base-64 digit of v) against BouncyCastle:
/// every entry, random and edge exponents, and the additions a forger can aim at — the recovered rest equal to K^v
/// (a doubling inside libsecp256k1's addition) or to its inverse (the identity, which must be refused so that the
/// reference answers).
/// </summary>
public sealed class PublicPowerTableTests
{
    private static readonly ElGamalPublicKey Key = ElGamalKeyPair.Generate().PublicKey;

    [Fact]
    public void Every_entry_of_the_table_is_its_digit_times_its_power_of_64_times_the_key()
    {
        var table = Key.PowerTable;
        var checkedEntries = 0;
        for (var window = 0; window < 43; window++)
        {
            var digits = window == 42 ? 15 : 63;
            for (var digit = 1; digit <= digits; digit++)
            {
                var exponent = Scalar.Reduce(BigInteger.ValueOf(digit).ShiftLeft(6 * window));
                var terms = table.Terms(exponent, Native(GroupElement.Generator));
                Assert.Equal(2, terms.Length); // one entry and the extra point
                Assert.Equal((Key.Element.Power(exponent) * GroupElement.Generator).Encode(), Sum(terms));
                checkedEntries++;
            }
        }

        Assert.Equal((42 * 63) + 15, checkedEntries);
    }

    [Fact]
    public void K_to_a_random_or_edge_exponent_times_a_point_equals_BouncyCastle()
    {
        var order = Scalar.FromInt64(-1); // n − 1: every window used, the top one at its largest digit
        Scalar[] edges =
        [
            Scalar.Zero, Scalar.One, Scalar.FromInt64(63), Scalar.FromInt64(64), Scalar.FromInt64(4095), order, Scalar.FromInt64(-2),
            Scalar.Reduce(BigInteger.One.ShiftLeft(252)), Scalar.Reduce(BigInteger.One.ShiftLeft(252).Subtract(BigInteger.One)),
        ];
        foreach (var v in edges.Concat(Enumerable.Range(0, 300).Select(_ => Scalar.Random())))
        {
            var (a, q, c) = (Scalar.Random(), GroupElement.GeneratorPower(Scalar.Random()), Scalar.Random());
            var native = new byte[GroupElement.EncodedLength];

            Assert.True(NativeArithmetic.TryEncodeTablePowerGeneratorAndPower(Key.PowerTable, v, a, q, c, native));
            Assert.Equal(Reference(v, a, q, c).Encode(), native);
        }
    }

    [Fact]
    public void A_rest_equal_to_K_to_the_v_doubles_correctly_and_its_inverse_is_refused()
    {
        var v = Scalar.Random();
        var native = new byte[GroupElement.EncodedLength];

        // g^0 · K^v (recovered) + K^v (table) = K^2v: the last addition is a doubling.
        Assert.True(NativeArithmetic.TryEncodeTablePowerGeneratorAndPower(Key.PowerTable, v, Scalar.Zero, Key.Element, v, native));
        Assert.Equal(Key.Element.Power(v + v).Encode(), native);

        // g^0 · K^−v + K^v is the identity: refused, so that BouncyCastle computes it.
        Assert.False(NativeArithmetic.TryEncodeTablePowerGeneratorAndPower(Key.PowerTable, v, Scalar.Zero, Key.Element, -v, native));
        Assert.True(Reference(v, Scalar.Zero, Key.Element, -v).IsIdentity);
    }

    [Fact]
    public void One_table_is_built_per_key_and_shared_by_every_thread()
    {
        var key = ElGamalKeyPair.Generate().PublicKey;
        var tables = new System.Collections.Concurrent.ConcurrentBag<object>();
        Parallel.For(0, 8, _ => tables.Add(key.PowerTable));
        Assert.Single(tables.Distinct(ReferenceEqualityComparer.Instance));
    }

    private static byte[] Native(GroupElement element) => ConstantTime.Parse(element);

    private static byte[] Sum(byte[][] terms)
    {
        var sum = ConstantTime.SumNative(terms);
        var encoded = new byte[GroupElement.EncodedLength];
        ConstantTime.Encode(sum, encoded);
        return encoded;
    }

    private static GroupElement Reference(Scalar v, Scalar a, GroupElement q, Scalar c) =>
        new(ECAlgorithms.SumOfTwoMultiplies(Key.Element.Point, v.Value, q.Point, c.Value).Add(GroupElement.Generator.Point.Multiply(a.Value)));
}
