using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Tests;

public sealed class ProofBatchTests
{
    private static readonly ElGamalKeyPair Keys = ElGamalKeyPair.Generate(NonceSource.Deterministic([9]));
    private static readonly ProofContext Context = new(new byte[32], "contest/mayor/selection/alice");

    [Fact]
    public void A_batch_reads_only_canonical_encodings_of_the_commitments()
    {
        // x + p encodes the same x when x + p < 2^256: the hash would then cover bytes no honest prover writes, so the
        // batch refuses them as GroupElement.Decode does (the single-ballot check compares canonical encodings).
        var prime = new Org.BouncyCastle.Math.BigInteger(1, Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F"));
        var x = Enumerable.Range(1, 100).Select(i => Org.BouncyCastle.Math.BigInteger.ValueOf(i)).First(IsOnCurve);
        var canonical = Encode(x);
        var aliased = Encode(x.Add(prime));
        var encryption = Keys.PublicKey.Encrypt(1, Scalar.FromInt64(3));
        var proof = RangeProof.Prove(encryption, 1, 1, 1, Keys.PublicKey, Context, NonceSource.Deterministic([1]));

        Assert.True(new ProofBatch(Keys.PublicKey).AddRangeProof(encryption.Ciphertext, 1, proof, [.. canonical, .. canonical]));
        Assert.False(new ProofBatch(Keys.PublicKey).AddRangeProof(encryption.Ciphertext, 1, proof, [.. canonical, .. aliased]));
        Assert.False(new ProofBatch(Keys.PublicKey).AddRangeProof(encryption.Ciphertext, 1, proof, [.. canonical, 0x05, .. canonical[1..]]));
    }

    [Fact]
    public void A_batch_holds_exactly_when_every_equation_does()
    {
        var encryption = Keys.PublicKey.Encrypt(1, Scalar.FromInt64(11));
        var proof = RangeProof.Prove(encryption, 1, 0, 1, Keys.PublicKey, Context, NonceSource.Deterministic([2]));
        var commitments = proof.RecomputeCommitments(encryption.Ciphertext, 0, Keys.PublicKey, PublicArithmetic.BouncyCastle);
        var honest = new ProofBatch(Keys.PublicKey);
        Assert.True(honest.AddRangeProof(encryption.Ciphertext, 0, proof, commitments));
        Assert.Equal(4, honest.Equations);
        Assert.True(honest.Holds());
        Assert.True(new ProofBatch(Keys.PublicKey).Holds());

        // Each of the four equations broken in turn (its commitment replaced by another point), the others intact.
        for (var k = 0; k < 4; k++)
        {
            var edited = (byte[])commitments.Clone();
            GroupElement.GeneratorPower(Scalar.FromInt64(k + 2)).Encode().CopyTo(edited, k * GroupElement.EncodedLength);
            var batch = new ProofBatch(Keys.PublicKey);
            Assert.True(batch.AddRangeProof(encryption.Ciphertext, 0, proof, edited));
            Assert.False(batch.Holds(), $"equation {k}");
        }
    }

    private static bool IsOnCurve(Org.BouncyCastle.Math.BigInteger x)
    {
        try
        {
            GroupElement.Decode(Encode(x));
            return true;
        }
        catch (CryptoFormatException)
        {
            return false;
        }
    }

    private static byte[] Encode(Org.BouncyCastle.Math.BigInteger x) => [0x02, .. x.ToByteArrayUnsigned().PadLeft(32)];
}
