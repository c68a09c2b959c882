using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Tests;

public sealed class DecryptionAndSchnorrProofTests
{
    private static readonly NonceSource Nonces = NonceSource.Deterministic([9]);
    private static readonly ProofContext Context = new(new byte[32], "trustee/1/decryption");

    [Fact]
    public void An_honest_decryption_share_proves_and_verifies()
    {
        var keys = ElGamalKeyPair.Generate(Nonces);
        var ciphertext = keys.PublicKey.Encrypt(3, Nonces.NextScalar()).Ciphertext;
        var share = ciphertext.Pad.Power(keys.SecretKey);
        var proof = DecryptionProof.Prove(ciphertext, keys.SecretKey, keys.PublicKey.Element, share, Context, Nonces);
        Assert.Null(proof.Verify(ciphertext, keys.PublicKey.Element, share, Context));
        Assert.Equal(GroupElement.GeneratorPower(3), ciphertext.Data / share);
    }

    [Fact]
    public void A_decryption_share_computed_with_another_key_fails_its_proof()
    {
        var keys = ElGamalKeyPair.Generate(Nonces);
        var other = ElGamalKeyPair.Generate(Nonces);
        var ciphertext = keys.PublicKey.Encrypt(3, Nonces.NextScalar()).Ciphertext;
        var wrongShare = ciphertext.Pad.Power(other.SecretKey);
        var proof = DecryptionProof.Prove(ciphertext, other.SecretKey, keys.PublicKey.Element, wrongShare, Context, Nonces);
        Assert.Equal("challenge", proof.Verify(ciphertext, keys.PublicKey.Element, wrongShare, Context)?.Check);
    }

    [Fact]
    public void A_schnorr_proof_verifies_only_for_its_own_key_and_subject()
    {
        var keys = ElGamalKeyPair.Generate(Nonces);
        var proof = SchnorrProof.Prove(keys.SecretKey, keys.PublicKey.Element, Context, Nonces);
        Assert.Null(proof.Verify(keys.PublicKey.Element, Context));
        Assert.NotNull(proof.Verify(ElGamalKeyPair.Generate(Nonces).PublicKey.Element, Context));
        Assert.NotNull(proof.Verify(keys.PublicKey.Element, Context.For("trustee/2/coefficient/0")));
        Assert.Equal("identity", proof.Verify(GroupElement.Identity, Context)?.Check);
    }

    [Fact]
    public void Ciphertexts_add_their_plaintexts()
    {
        var keys = ElGamalKeyPair.Generate(Nonces);
        var sum = ElGamalCiphertext.Sum([.. new long[] { 1, 0, 1, 1 }.Select(m => keys.PublicKey.Encrypt(m, Nonces.NextScalar()).Ciphertext)]);
        Assert.Equal(GroupElement.GeneratorPower(3), sum.DecryptToPower(keys.SecretKey));
    }
}
