using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;
using Ballotline.Crypto.Trustees;

namespace Ballotline.Crypto.Tests;

/// <summary>
/// Secrets are multiplied only in constant time, and what is computed does not depend on the vote. The
/// operation trace records every group operation of one computation, so these tests see which multiplier each
/// secret went through — not how long it took, which a shared machine cannot measure honestly.
/// </summary>
public sealed class ConstantTimeTests
{
    private static readonly string[] PublicMultiplications = ["public-power", "public-double-power"];

    [Fact]
    public void Encrypting_any_one_choice_performs_exactly_the_same_operations_as_encrypting_any_other()
    {
        var election = TestElection.Create();
        var traces = new[] { "alice", "bob", "carol", "dave", "erin" }
            .Select(candidate => OperationTrace.Of(() => BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", candidate))))
            .ToList();

        Assert.All(traces, trace => Assert.Equal(traces[0], trace));
        Assert.DoesNotContain(traces[0], PublicMultiplications.Contains);
        Assert.Contains("secret-power", traces[0]);
    }

    [Fact]
    public void Encrypting_zero_and_one_performs_the_same_operations_and_no_variable_time_multiplication()
    {
        var key = ElGamalKeyPair.Generate().PublicKey;
        var zero = OperationTrace.Of(() => key.Encrypt(0, Scalar.Random()));
        var one = OperationTrace.Of(() => key.Encrypt(1, Scalar.Random()));
        Assert.Equal(zero, one);
        // g^r, g^(m+1) read from the table in constant time, then K^r · g^(m+1) · g^−1 from the key's comb in one addition.
        Assert.Equal(["secret-power", "secret-table-lookup", "secret-power"], zero);
    }

    [Fact]
    public void Every_small_plaintext_encrypts_to_g_to_the_r_and_K_to_the_r_times_g_to_the_m()
    {
        // The table path (0 ≤ m < 64) against the definition, computed with the variable-time reference arithmetic;
        // 64 and beyond take the general path and must agree with it too.
        var key = ElGamalKeyPair.Generate().PublicKey;
        for (var m = 0L; m <= RangeProof.MaxBranches + 1; m++)
        {
            var r = Scalar.Random();
            var encryption = key.Encrypt(m, r);
            Assert.Equal(GroupElement.GeneratorPower(r), encryption.Ciphertext.Pad);
            Assert.Equal(key.Power(r) * GroupElement.GeneratorPower(m), encryption.Ciphertext.Data);
        }
    }

    [Fact]
    public void Proving_any_value_of_a_range_performs_the_same_operations_and_every_proof_verifies()
    {
        // Each branch a different value: the true branch's two multiplications come first, then three for each fake
        // one, whichever branch is true.
        var key = ElGamalKeyPair.Generate().PublicKey;
        var context = new ProofContext(new byte[32], "contest/council");
        var traces = new List<List<string>>();
        for (var value = 2L; value <= 5; value++)
        {
            var encryption = key.Encrypt(value, Scalar.Random());
            RangeProof? proof = null;
            traces.Add(OperationTrace.Of(() => proof = RangeProof.Prove(encryption, value, 2, 5, key, context, NonceSource.Secure)));
            Assert.Null(proof!.Verify(encryption.Ciphertext, 2, 5, key, context, PublicArithmetic.Native));
            Assert.Null(proof.Verify(encryption.Ciphertext, 2, 5, key, context, PublicArithmetic.BouncyCastle));
        }

        Assert.All(traces, trace => Assert.Equal(traces[0], trace));
        Assert.Equal(2 + (3 * 3), traces[0].Count(o => o == "secret-power"));
        Assert.DoesNotContain(traces[0], PublicMultiplications.Contains);
    }

    [Fact]
    public void A_trustee_multiplies_its_key_share_and_its_proof_nonces_only_in_constant_time()
    {
        var election = TestElection.Create(trustees: 3, quorum: 2);
        var ciphertexts = Enumerable.Range(0, 4).Select(i => election.Context.PublicKey.Encrypt(i % 2, Scalar.Random()).Ciphertext).ToList();

        var trace = OperationTrace.Of(() => election.Keys[1].Decrypt(election.Context, ciphertexts));

        Assert.DoesNotContain(trace, PublicMultiplications.Contains);
        // The verification key g^s, then per ciphertext the share α^s and the proof's commitments g^u and α^u.
        Assert.Equal(1 + (3 * ciphertexts.Count), trace.Count(o => o == "secret-power"));
    }

    [Fact]
    public void Key_generation_and_share_envelopes_multiply_secrets_only_in_constant_time()
    {
        var baseHash = new byte[32];
        var polynomial = TrusteePolynomial.Generate(1, 3);
        Assert.DoesNotContain(OperationTrace.Of(() => polynomial.Commit(baseHash)), PublicMultiplications.Contains);

        var transport = Scalar.Random();
        var transportKey = GroupElement.GeneratorSecretPower(transport);
        ShareEnvelope? envelope = null;
        Assert.DoesNotContain(OperationTrace.Of(() => envelope = ShareEnvelope.Seal(polynomial.ShareFor(2), 1, 2, transportKey, baseHash)), PublicMultiplications.Contains);
        Assert.DoesNotContain(OperationTrace.Of(() => envelope!.Open(transport, baseHash)), PublicMultiplications.Contains);
    }

    [Fact]
    public void The_constant_time_multiplications_agree_with_the_variable_time_ones()
    {
        for (var i = 0; i < 20; i++)
        {
            var k = Scalar.Random();
            var point = GroupElement.GeneratorPower(Scalar.Random());
            Assert.Equal(GroupElement.GeneratorPower(k), GroupElement.GeneratorSecretPower(k));
            Assert.Equal(point.Power(k), point.SecretPower(k));
        }

        Assert.Equal(GroupElement.Identity, GroupElement.GeneratorSecretPower(Scalar.Zero));
        Assert.Equal(GroupElement.Identity, GroupElement.Identity.SecretPower(Scalar.Random()));
        Assert.Equal(GroupElement.Generator.Inverse(), GroupElement.GeneratorSecretPower(Scalar.Zero - Scalar.One));
    }
}
