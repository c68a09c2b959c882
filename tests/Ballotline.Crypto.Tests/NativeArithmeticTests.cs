using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;
using Org.BouncyCastle.Math.EC;

namespace Ballotline.Crypto.Tests;

/// <summary>
/// The native backend (libsecp256k1 through ECDSA recovery) against BouncyCastle, the reference: the same points
/// on random inputs, a refusal (so that BouncyCastle answers) on every input recovery cannot take, and the same
/// verdict on every proof, including proofs built to hit those inputs.
/// </summary>
public sealed class NativeArithmeticTests
{
    private const int RandomCases = 300;

    [Fact]
    public void Generator_and_power_equals_BouncyCastle_on_random_scalars_and_points_of_both_parities()
    {
        var parities = new HashSet<byte>();
        for (var i = 0; i < RandomCases; i++)
        {
            var (a, point, b) = (Scalar.Random(), GroupElement.GeneratorPower(Scalar.Random()), Scalar.Random());
            parities.Add(point.Encode()[0]);
            var native = new byte[GroupElement.EncodedLength];

            Assert.True(NativeArithmetic.TryEncodeGeneratorAndPower(a, point, b, native));
            Assert.Equal(Reference(a, point, b).Encode(), native);
        }

        Assert.Equal(new byte[] { 0x02, 0x03 }, parities.Order());
    }

    [Fact]
    public void Small_and_edge_scalars_give_the_reference_answer_or_a_refusal_never_a_wrong_point()
    {
        var order = Scalar.FromInt64(-1); // n − 1
        Scalar[] edges = [Scalar.Zero, Scalar.One, Scalar.FromInt64(2), order, Scalar.FromInt64(-2)];
        foreach (var a in edges)
        {
            foreach (var b in edges)
            {
                var point = RandomPoint();
                var native = new byte[GroupElement.EncodedLength];
                if (NativeArithmetic.TryEncodeGeneratorAndPower(a, point, b, native))
                {
                    Assert.Equal(Reference(a, point, b).Encode(), native);
                }
                else
                {
                    Assert.True(b.IsZero || Reference(a, point, b).IsIdentity, $"refused a={a} b={b} without cause");
                }
            }
        }
    }

    [Fact]
    public void A_result_at_infinity_is_refused_so_the_reference_answers_it()
    {
        var k = Scalar.Random();
        var b = Scalar.Random();
        var point = GroupElement.GeneratorPower(k);
        var native = new byte[GroupElement.EncodedLength];

        // a·G + b·(k·G) with a = −b·k is the identity, which ECDSA recovery cannot return.
        Assert.False(NativeArithmetic.TryEncodeGeneratorAndPower(-(b * k), point, b, native));
        Assert.True(Reference(-(b * k), point, b).IsIdentity);

        // A recovered point and K's table summing to the identity: PublicPowerTableTests.
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    public void Both_backends_accept_every_honest_selection_proof_and_reject_every_tampered_one(long vote)
    {
        var keys = ElGamalKeyPair.Generate();
        var context = new ProofContext(new byte[32], "contest/mayor/selection/alice");
        for (var i = 0; i < 40; i++)
        {
            var encryption = keys.PublicKey.Encrypt(vote, Scalar.Random());
            var proof = RangeProof.Prove(encryption, vote, 0, 1, keys.PublicKey, context, NonceSource.Secure);
            Assert.Null(proof.Verify(encryption.Ciphertext, 0, 1, keys.PublicKey, context, PublicArithmetic.Native));
            Assert.Null(proof.Verify(encryption.Ciphertext, 0, 1, keys.PublicKey, context, PublicArithmetic.BouncyCastle));

            var tampered = i % 2 == 0
                ? proof with { Responses = [proof.Responses[0] + Scalar.One, proof.Responses[1]] }
                : proof with { Challenges = [proof.Challenges[1], proof.Challenges[0]] };
            Assert.Equal("challenge", tampered.Verify(encryption.Ciphertext, 0, 1, keys.PublicKey, context, PublicArithmetic.Native)?.Check);
            Assert.Equal("challenge", tampered.Verify(encryption.Ciphertext, 0, 1, keys.PublicKey, context, PublicArithmetic.BouncyCastle)?.Check);
        }
    }

    [Fact]
    public void A_valid_proof_whose_fake_branch_commits_to_the_identity_verifies_on_both_backends()
    {
        // The prover of a 1 knows its nonce r, so it can pick the 0-branch's response v₀ = −r·c₀: then
        // a₀ = g^v₀ · α^c₀ = g^(−r·c₀ + r·c₀) is the identity, which native recovery refuses and BouncyCastle computes.
        // The proof is valid; a backend that mishandled the identity would hash different bytes and reject it.
        var keys = ElGamalKeyPair.Generate();
        var context = new ProofContext(new byte[32], "contest/mayor/selection/bob");
        var r = Scalar.Random();
        var c0 = Scalar.Random();
        var encryption = keys.PublicKey.Encrypt(1, r);
        var proof = RangeProof.Prove(encryption, 1, 0, 1, keys.PublicKey, context, new ScriptedNonces(Scalar.Random(), c0, -(r * c0)));
        Assert.Equal(-(r * c0), proof.Responses[0]);

        Assert.Null(proof.Verify(encryption.Ciphertext, 0, 1, keys.PublicKey, context, PublicArithmetic.BouncyCastle));
        var trace = OperationTrace.Of(() => Assert.Null(proof.Verify(encryption.Ciphertext, 0, 1, keys.PublicKey, context, PublicArithmetic.Native)));

        // The identity branch was answered by BouncyCastle, the other natively.
        Assert.Equal(["public-double-power", "public-double-power", "key-table-power", "native-public-commitments"], trace);
    }

    [Fact]
    public void The_native_backend_really_computes_every_commitment_of_an_honest_ballot_and_the_reference_none()
    {
        // Without this, a library that failed to load would fall back to BouncyCastle and every other test would pass.
        Assert.True(NativeArithmetic.IsAvailable, $"libsecp256k1 did not load on {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}");
        var election = TestElection.Create();
        var ballot = BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "carol")).Ballot;
        var branches = (ballot.Contests[0].Selections.Count * 2) + 1; // five 0/1 proofs and the sum proof's one branch

        var native = OperationTrace.Of(() => BallotVerifier.Verify(election.Context, ballot, PublicArithmetic.Native));
        var managed = OperationTrace.Of(() => BallotVerifier.Verify(election.Context, ballot, PublicArithmetic.BouncyCastle));

        Assert.Equal(Enumerable.Repeat("native-public-commitments", branches), native.Where(o => o.Contains("public", StringComparison.Ordinal)));
        Assert.Equal(branches, native.Count(o => o == "key-table-power")); // K^v from the key's table, not a second recovery
        Assert.Equal(Enumerable.Repeat("public-double-power", 2 * branches), managed.Where(o => o.Contains("public", StringComparison.Ordinal)));
    }

    [Fact]
    public void Whole_ballots_get_the_same_verdict_from_both_backends()
    {
        var election = TestElection.Create();
        var ballot = BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "carol")).Ballot;
        Assert.True(BallotVerifier.Verify(election.Context, ballot, PublicArithmetic.Native).IsValid);
        Assert.True(BallotVerifier.Verify(election.Context, ballot, PublicArithmetic.BouncyCastle).IsValid);

        var contest = ballot.Contests[0];
        var swapped = ballot with
        {
            Contests = [contest with { Selections = [contest.Selections[0] with { Ciphertext = contest.Selections[1].Ciphertext }, .. contest.Selections.Skip(1)] }],
        };
        var native = BallotVerifier.Verify(election.Context, swapped, PublicArithmetic.Native);
        var managed = BallotVerifier.Verify(election.Context, swapped, PublicArithmetic.BouncyCastle);
        Assert.False(native.IsValid);
        Assert.Equal(managed.Failures.Select(f => f.Check), native.Failures.Select(f => f.Check));
    }

    private static GroupElement RandomPoint() => GroupElement.GeneratorPower(Scalar.Random());

    private static GroupElement Reference(Scalar a, GroupElement point, Scalar b) =>
        new(ECAlgorithms.SumOfTwoMultiplies(GroupElement.Generator.Point, a.Value, point.Point, b.Value));
}
