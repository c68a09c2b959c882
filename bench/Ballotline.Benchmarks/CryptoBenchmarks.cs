using System.Numerics;
using Ballotline.Benchmarks.Baseline;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Tally;
using Ballotline.Crypto.Trustees;
using BenchmarkDotNet.Attributes;

namespace Ballotline.Benchmarks;

/// <summary>
/// A 1-of-5 contest ballot in Ballotline's group (secp256k1) against ElectionGuard's 4096-bit integer group,
/// measured in the same run so the ratios hold on a noisy shared machine.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CryptoBenchmarks
{
    private const int Candidates = 5;
    private ElectionContext _context = null!;
    private TrusteeKey _trustee = null!;
    private IReadOnlyList<TrusteeCommitment> _commitments = null!;
    private EncryptedBallot _ballot = null!;
    private BigInteger _integerKey;
    private IntegerBallot _integerBallot = null!;
    private Scalar _secret = null!;

    [GlobalSetup]
    public void Setup()
    {
        var manifest = new ElectionManifest("bench", [ContestDescription.ChooseExactly("mayor", 1, "a", "b", "c", "d", "e")]);
        var polynomial = TrusteePolynomial.Generate(1, 1);
        _commitments = [polynomial.Commit(ElectionContext.ComputeBaseHash(manifest, 1, 1))];
        _context = KeyCeremony.CreateContext(manifest, 1, 1, _commitments);
        _trustee = KeyCeremony.CombineShares(1, _commitments, new Dictionary<int, Scalar> { [1] = polynomial.ShareFor(1) });
        _ballot = BallotEncryptor.Encrypt(_context, PlaintextBallot.ForContest("mayor", "c")).Ballot;
        _secret = Scalar.Random();
        if (!SecretKeyPowerByComb().AsSpan().SequenceEqual(SecretKeyPowerByLadder()))
        {
            throw new InvalidOperationException("The key's comb and the ladder disagree.");
        }

        if (!BallotVerifier.Verify(_context, _ballot, PublicArithmetic.Native).IsValid || !BallotVerifier.Verify(_context, _ballot, PublicArithmetic.BouncyCastle).IsValid)
        {
            throw new InvalidOperationException("The benchmark ballot does not verify.");
        }

        if (!((IntegerGroup.P - 1) % IntegerGroup.Q).IsZero || !BigInteger.ModPow(IntegerGroup.G, IntegerGroup.Q, IntegerGroup.P).IsOne)
        {
            throw new InvalidOperationException("The baseline group constants are wrong.");
        }

        _integerKey = IntegerGroup.Pow(IntegerGroup.G, IntegerGroup.RandomExponent());
        _integerBallot = IntegerBallot.Encrypt(_integerKey, Candidates, 2);
        if (!_integerBallot.Verify(_integerKey))
        {
            throw new InvalidOperationException("The baseline ballot does not verify.");
        }

        DiscreteLog.Warm();
    }

    [Benchmark(Description = "secp256k1: encrypt + prove 1-of-5 ballot")]
    public EncryptedBallot EncryptBallot() => BallotEncryptor.Encrypt(_context, PlaintextBallot.ForContest("mayor", "c")).Ballot;

    [Benchmark(Description = "secp256k1: verify 1-of-5 ballot, native libsecp256k1 (the server)")]
    public bool VerifyBallot() => BallotVerifier.Verify(_context, _ballot, PublicArithmetic.Native).IsValid;

    [Benchmark(Description = "secp256k1: verify 1-of-5 ballot, BouncyCastle (the election verifier)")]
    public bool VerifyBallotBouncyCastle() => BallotVerifier.Verify(_context, _ballot, PublicArithmetic.BouncyCastle).IsValid;

    // One branch's b commitment, K^v · β^c · g^(−c), as the server's check computes it. (Its former computation, two
    // ECDSA recoveries, was benchmarked beside it in commit cf4a055: docs/performance.md.)
    [Benchmark(Description = "secp256k1: b = K^v·β^c·g^-c, K's table + one recovery")]
    public bool KeyPowerByTable()
    {
        var (v, c, beta) = Branch();
        Span<byte> b = stackalloc byte[GroupElement.EncodedLength];
        return NativeArithmetic.TryEncodeTablePowerGeneratorAndPower(_context.PublicKey.PowerTable, v, -c, beta, c, b);
    }

    // K^k for a secret k, the prover's commonest multiplication (16 of a 1-of-5 ballot's 37): the key's constant-time
    // comb against libsecp256k1's constant-time ladder, which computed it before.
    [Benchmark(Description = "secp256k1: K^k, secret k, K's constant-time comb")]
    public byte[] SecretKeyPowerByComb() => _context.PublicKey.SecretPowerNative(_secret);

    [Benchmark(Description = "secp256k1: K^k, secret k, libsecp256k1's ladder (tweak_mul)")]
    public byte[] SecretKeyPowerByLadder() => ConstantTime.PowerNative(_context.PublicKey.Native, _secret);

    [Benchmark(Description = "secp256k1: add ballot to tally")]
    public long TallyAdd()
    {
        var tally = new EncryptedTally(_context.Manifest);
        tally.Add(_ballot);
        return tally.BallotCount;
    }

    [Benchmark(Description = "integer 4096: encrypt + prove 1-of-5 ballot")]
    public object BaselineEncrypt() => IntegerBallot.Encrypt(_integerKey, Candidates, 2);

    [Benchmark(Description = "integer 4096: verify 1-of-5 ballot")]
    public bool BaselineVerify() => _integerBallot.Verify(_integerKey);

    [Benchmark(Description = "integer 4096: add ballot to tally")]
    public BigInteger BaselineTallyAdd()
    {
        var pad = BigInteger.One;
        var data = BigInteger.One;
        for (var i = 0; i < Candidates; i++)
        {
            pad = IntegerGroup.Mul(pad, _integerBallot.Pads[i]);
            data = IntegerGroup.Mul(data, _integerBallot.Data[i]);
        }

        return pad ^ data;
    }

    internal TrusteeKey Trustee => _trustee;

    private (Scalar V, Scalar C, GroupElement Beta) Branch()
    {
        var selection = _ballot.Contests[0].Selections[0];
        return (selection.Proof.Responses[1], selection.Proof.Challenges[1], selection.Ciphertext.Data);
    }

    internal IReadOnlyList<TrusteeCommitment> Commitments => _commitments;

    internal ElectionContext Context => _context;
}
