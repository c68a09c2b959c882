using Ballotline.Crypto.Group;
using Org.BouncyCastle.Math.EC;

namespace Ballotline.Crypto.Tally;

/// <summary>
/// Recovers m from g^m for counts up to any bound by baby-step giant-step: a table of g^j for j &lt; 2^16
/// (built once, keyed by x-coordinate) and at most bound / 2^16 giant steps. Ten million votes need 153
/// giant steps; a linear search would need ten million point additions.
/// </summary>
public static class DiscreteLog
{
    private const int BabySteps = 1 << 16;

    private static readonly Lazy<Dictionary<ulong, int>> Table = new(BuildTable);
    private static readonly Lazy<ECPoint> GiantStep = new(() => Secp256k1.Generator.Multiply(Org.BouncyCastle.Math.BigInteger.ValueOf(BabySteps)).Negate().Normalize());

    /// <summary>The m in [0, maxValue] with g^m = <paramref name="power"/>, or null when there is none.</summary>
    public static long? Find(GroupElement power, long maxValue)
    {
        ArgumentNullException.ThrowIfNull(power);
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        var table = Table.Value;
        var current = power.Point;
        for (long giant = 0; giant <= maxValue; giant += BabySteps)
        {
            var normalized = current.Normalize();
            long? candidate = normalized.IsInfinity
                ? giant
                : table.TryGetValue(Key(normalized), out var baby) ? giant + baby : null;

            // A table hit matches 64 bits of x, which −P shares with P: confirm before answering.
            if (candidate is { } m && m <= maxValue && GroupElement.GeneratorPower(m) == power)
            {
                return m;
            }

            current = normalized.Add(GiantStep.Value);
        }

        return null;
    }

    /// <summary>Builds the baby-step table now rather than on the first tally (e.g. at server start).</summary>
    public static void Warm() => _ = Table.Value;

    private static Dictionary<ulong, int> BuildTable()
    {
        var points = new ECPoint[BabySteps - 1];
        var current = Secp256k1.Generator;
        for (var j = 1; j < BabySteps; j++)
        {
            points[j - 1] = current;
            current = current.Add(Secp256k1.Generator);
        }

        Secp256k1.Curve.NormalizeAll(points);
        var table = new Dictionary<ulong, int>(BabySteps);
        for (var j = 1; j < BabySteps; j++)
        {
            table.TryAdd(Key(points[j - 1]), j);
        }

        return table;
    }

    private static ulong Key(ECPoint normalized)
    {
        Span<byte> x = stackalloc byte[32];
        normalized.AffineXCoord.EncodeTo(x);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(x);
    }
}
