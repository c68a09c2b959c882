using System.Numerics;
using static Ballotline.Benchmarks.Baseline.IntegerGroup;

namespace Ballotline.Benchmarks.Baseline;

/// <summary>
/// A 1-of-n ballot in the integer group with the same proofs as Ballotline's (compact disjunctive
/// Chaum–Pedersen per selection, and one for the sum), so that the two groups are compared like for like.
/// </summary>
internal sealed record IntegerBallot(BigInteger[] Pads, BigInteger[] Data, BigInteger[][] Challenges, BigInteger[][] Responses, BigInteger[] SumProof)
{
    public static IntegerBallot Encrypt(BigInteger key, int candidates, int choice)
    {
        var pads = new BigInteger[candidates];
        var data = new BigInteger[candidates];
        var challenges = new BigInteger[candidates][];
        var responses = new BigInteger[candidates][];
        var nonceSum = BigInteger.Zero;
        for (var i = 0; i < candidates; i++)
        {
            var vote = i == choice ? 1 : 0;
            var r = RandomExponent();
            nonceSum += r;
            pads[i] = Pow(G, r);
            data[i] = Mul(Pow(key, r), Pow(G, vote));
            (challenges[i], responses[i]) = ProveBit(key, pads[i], data[i], r, vote);
        }

        var sumPad = pads.Aggregate(BigInteger.One, Mul);
        var sumData = data.Aggregate(BigInteger.One, Mul);
        var u = RandomExponent();
        var c = Hash(key, sumPad, sumData, Pow(G, u), Pow(key, u));
        return new IntegerBallot(pads, data, challenges, responses, [c, (u - (c * nonceSum)) % Q]);
    }

    public bool Verify(BigInteger key)
    {
        var ok = true;
        for (var i = 0; i < Pads.Length; i++)
        {
            ok &= InSubgroup(Pads[i]) && InSubgroup(Data[i]);
            var a0 = Mul(Pow(G, Responses[i][0]), Pow(Pads[i], Challenges[i][0]));
            var b0 = Mul(Pow(key, Responses[i][0]), Pow(Data[i], Challenges[i][0]));
            var a1 = Mul(Pow(G, Responses[i][1]), Pow(Pads[i], Challenges[i][1]));
            var b1 = Mul(Pow(key, Responses[i][1]), Pow(Mul(Data[i], GInverse), Challenges[i][1]));
            ok &= Hash(key, Pads[i], Data[i], a0, b0, a1, b1) == (Challenges[i][0] + Challenges[i][1]) % Q;
        }

        var sumPad = Pads.Aggregate(BigInteger.One, Mul);
        var sumData = Data.Aggregate(BigInteger.One, Mul);
        var a = Mul(Pow(G, SumProof[1]), Pow(sumPad, SumProof[0]));
        var b = Mul(Pow(key, SumProof[1]), Pow(Mul(sumData, GInverse), SumProof[0]));
        return ok && Hash(key, sumPad, sumData, a, b) == SumProof[0];
    }

    private static BigInteger GInverse { get; } = BigInteger.ModPow(G, P - 2, P);

    private static (BigInteger[] C, BigInteger[] V) ProveBit(BigInteger key, BigInteger pad, BigInteger data, BigInteger r, int vote)
    {
        var c = new BigInteger[2];
        var v = new BigInteger[2];
        var a = new BigInteger[2];
        var b = new BigInteger[2];
        var fake = 1 - vote;
        c[fake] = RandomExponent();
        v[fake] = RandomExponent();
        a[fake] = Mul(Pow(G, v[fake]), Pow(pad, c[fake]));
        b[fake] = Mul(Pow(key, v[fake]), Pow(fake == 1 ? Mul(data, GInverse) : data, c[fake]));
        var u = RandomExponent();
        a[vote] = Pow(G, u);
        b[vote] = Pow(key, u);
        var total = Hash(key, pad, data, a[0], b[0], a[1], b[1]);
        c[vote] = (((total - c[fake]) % Q) + Q) % Q;
        v[vote] = (((u - (c[vote] * r)) % Q) + Q) % Q;
        return (c, v);
    }
}
