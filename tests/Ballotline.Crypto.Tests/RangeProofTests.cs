using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Tests;

public sealed class RangeProofTests
{
    private static readonly NonceSource Nonces = NonceSource.Deterministic([7]);
    private static readonly ElGamalKeyPair Keys = ElGamalKeyPair.Generate(Nonces);
    private static readonly ProofContext Context = new(new byte[32], "contest/mayor/selection/alice");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_selection_proof_of_zero_or_one_verifies(long vote)
    {
        var encryption = Keys.PublicKey.Encrypt(vote, Nonces.NextScalar());
        var proof = RangeProof.Prove(encryption, vote, 0, 1, Keys.PublicKey, Context, Nonces);
        Assert.Null(proof.Verify(encryption.Ciphertext, 0, 1, Keys.PublicKey, Context));
    }

    [Fact]
    public void A_range_proof_over_a_wider_range_verifies_for_each_value()
    {
        for (long value = 2; value <= 4; value++)
        {
            var encryption = Keys.PublicKey.Encrypt(value, Nonces.NextScalar());
            var proof = RangeProof.Prove(encryption, value, 2, 4, Keys.PublicKey, Context, Nonces);
            Assert.Null(proof.Verify(encryption.Ciphertext, 2, 4, Keys.PublicKey, Context));
            Assert.Equal(3, proof.Challenges.Count);
        }
    }

    [Fact]
    public void An_honest_prover_cannot_prove_a_selection_of_two()
    {
        var encryption = Keys.PublicKey.Encrypt(2, Nonces.NextScalar());
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeProof.Prove(encryption, 2, 0, 1, Keys.PublicKey, Context, Nonces));
    }

    [Fact]
    public void A_proof_made_for_one_does_not_verify_for_an_encryption_of_two()
    {
        var nonce = Nonces.NextScalar();
        var one = Keys.PublicKey.Encrypt(1, nonce);
        var proof = RangeProof.Prove(one, 1, 0, 1, Keys.PublicKey, Context, Nonces);
        var two = Keys.PublicKey.Encrypt(2, nonce);
        Assert.Equal("challenge", proof.Verify(two.Ciphertext, 0, 1, Keys.PublicKey, Context)?.Check);
    }

    [Fact]
    public void A_flipped_bit_in_a_response_breaks_the_proof()
    {
        var encryption = Keys.PublicKey.Encrypt(1, Nonces.NextScalar());
        var proof = RangeProof.Prove(encryption, 1, 0, 1, Keys.PublicKey, Context, Nonces);
        var bytes = proof.Responses[0].Encode();
        bytes[31] ^= 1;
        var tampered = proof with { Responses = [Scalar.Decode(bytes), proof.Responses[1]] };
        Assert.Equal("challenge", tampered.Verify(encryption.Ciphertext, 0, 1, Keys.PublicKey, Context)?.Check);
    }

    [Fact]
    public void A_proof_does_not_verify_in_another_election_or_for_another_subject()
    {
        var encryption = Keys.PublicKey.Encrypt(0, Nonces.NextScalar());
        var proof = RangeProof.Prove(encryption, 0, 0, 1, Keys.PublicKey, Context, Nonces);
        var otherElection = Context with { ElectionHash = Enumerable.Repeat((byte)1, 32).ToArray() };
        Assert.NotNull(proof.Verify(encryption.Ciphertext, 0, 1, Keys.PublicKey, otherElection));
        Assert.NotNull(proof.Verify(encryption.Ciphertext, 0, 1, Keys.PublicKey, Context.For("contest/mayor/selection/bob")));
    }

    [Fact]
    public void A_proof_with_the_wrong_number_of_branches_is_rejected_by_shape()
    {
        var encryption = Keys.PublicKey.Encrypt(1, Nonces.NextScalar());
        var proof = RangeProof.Prove(encryption, 1, 0, 1, Keys.PublicKey, Context, Nonces);
        Assert.Equal("branches", proof.Verify(encryption.Ciphertext, 0, 2, Keys.PublicKey, Context)?.Check);
    }
}
