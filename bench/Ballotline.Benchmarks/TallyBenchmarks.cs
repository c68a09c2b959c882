using System.Numerics;
using Ballotline.Benchmarks.Baseline;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;
using Ballotline.Crypto.Tally;
using Ballotline.Crypto.Trustees;
using BenchmarkDotNet.Attributes;

namespace Ballotline.Benchmarks;

/// <summary>
/// Full tally of 10,000 1-of-5 ballots plus the decryption of the totals with proofs. The ballots are real
/// encryptions of known votes made with consecutive nonces (cheap to generate; the tally cannot tell).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class TallyBenchmarks
{
    private const int Ballots = 10_000;
    private const int Candidates = 5;
    private readonly List<EncryptedBallot> _ballots = new(Ballots);
    private readonly List<(BigInteger[] Pads, BigInteger[] Data)> _integerBallots = new(Ballots);
    private ElectionContext _context = null!;
    private IReadOnlyList<TrusteeCommitment> _commitments = null!;
    private TrusteeKey _trustee = null!;
    private BigInteger _integerSecret;
    private Dictionary<BigInteger, int> _integerLogs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var crypto = new CryptoBenchmarks();
        crypto.Setup();
        _context = crypto.Context;
        _commitments = crypto.Commitments;
        _trustee = crypto.Trustee;
        var key = _context.PublicKey.Element;
        var noProof = new RangeProof([], []);
        var pads = Enumerable.Range(0, Candidates).Select(i => GroupElement.GeneratorPower(Scalar.FromInt64(1000 + i))).ToArray();
        var data = Enumerable.Range(0, Candidates).Select(i => key.Power(Scalar.FromInt64(1000 + i))).ToArray();
        for (var b = 0; b < Ballots; b++)
        {
            var choice = b % Candidates;
            var selections = new EncryptedSelection[Candidates];
            for (var i = 0; i < Candidates; i++)
            {
                // Nonce 1000 + i + b: step every pad by g and every data by K.
                pads[i] *= GroupElement.Generator;
                data[i] *= key;
                var ciphertext = new ElGamalCiphertext(pads[i], i == choice ? data[i] * GroupElement.Generator : data[i]);
                selections[i] = new EncryptedSelection(((char)('a' + i)).ToString(), ciphertext, noProof);
            }

            _ballots.Add(new EncryptedBallot(EncryptedBallot.CurrentVersion, _context.ExtendedHashHex, [new EncryptedContest("mayor", selections, noProof)]));
        }

        _integerSecret = IntegerGroup.RandomExponent();
        var integerKey = IntegerGroup.Pow(IntegerGroup.G, _integerSecret);
        var ip = Enumerable.Range(0, Candidates).Select(i => IntegerGroup.Pow(IntegerGroup.G, 1000 + i)).ToArray();
        var id = Enumerable.Range(0, Candidates).Select(i => IntegerGroup.Pow(integerKey, 1000 + i)).ToArray();
        for (var b = 0; b < Ballots; b++)
        {
            var choice = b % Candidates;
            var bp = new BigInteger[Candidates];
            var bd = new BigInteger[Candidates];
            for (var i = 0; i < Candidates; i++)
            {
                ip[i] = IntegerGroup.Mul(ip[i], IntegerGroup.G);
                id[i] = IntegerGroup.Mul(id[i], integerKey);
                bp[i] = ip[i];
                bd[i] = i == choice ? IntegerGroup.Mul(id[i], IntegerGroup.G) : id[i];
            }

            _integerBallots.Add((bp, bd));
        }

        _integerLogs = [];
        var power = BigInteger.One;
        for (var m = 0; m <= Ballots; m++)
        {
            _integerLogs[power] = m;
            power = IntegerGroup.Mul(power, IntegerGroup.G);
        }

        DiscreteLog.Warm();
    }

    [Benchmark(Description = "secp256k1: tally + decrypt 10,000 ballots")]
    public long TallyAndDecrypt()
    {
        var tally = new EncryptedTally(_context.Manifest);
        foreach (var ballot in _ballots)
        {
            tally.Add(ballot);
        }

        var partial = _trustee.Decrypt(_context, tally.Ciphertexts());
        var result = TallyDecryptor.Decrypt(_context, _commitments, tally, [partial]);
        return result.Counts[0] == Ballots / Candidates ? result.Counts[0] : throw new InvalidOperationException("Wrong tally.");
    }

    [Benchmark(Description = "integer 4096: tally + decrypt 10,000 ballots")]
    public long BaselineTallyAndDecrypt()
    {
        var pads = Enumerable.Repeat(BigInteger.One, Candidates).ToArray();
        var data = Enumerable.Repeat(BigInteger.One, Candidates).ToArray();
        foreach (var (bp, bd) in _integerBallots)
        {
            for (var i = 0; i < Candidates; i++)
            {
                pads[i] = IntegerGroup.Mul(pads[i], bp[i]);
                data[i] = IntegerGroup.Mul(data[i], bd[i]);
            }
        }

        long first = -1;
        for (var i = 0; i < Candidates; i++)
        {
            // Decryption share with its Chaum–Pedersen proof and its verification, as in the secp256k1 case.
            var share = IntegerGroup.Pow(pads[i], _integerSecret);
            var u = IntegerGroup.RandomExponent();
            var c = IntegerGroup.Hash(pads[i], share, IntegerGroup.Pow(IntegerGroup.G, u), IntegerGroup.Pow(pads[i], u));
            var v = (u - (c * _integerSecret)) % IntegerGroup.Q;
            var publicKey = IntegerGroup.Pow(IntegerGroup.G, _integerSecret);
            var a = IntegerGroup.Mul(IntegerGroup.Pow(IntegerGroup.G, v), IntegerGroup.Pow(publicKey, c));
            var b = IntegerGroup.Mul(IntegerGroup.Pow(pads[i], v), IntegerGroup.Pow(share, c));
            if (IntegerGroup.Hash(pads[i], share, a, b) != c)
            {
                throw new InvalidOperationException("Baseline decryption proof failed.");
            }

            var plain = IntegerGroup.Mul(data[i], BigInteger.ModPow(share, IntegerGroup.P - 2, IntegerGroup.P));
            var count = _integerLogs[plain];
            first = i == 0 ? count : first;
        }

        return first == Ballots / Candidates ? first : throw new InvalidOperationException("Wrong baseline tally.");
    }
}
