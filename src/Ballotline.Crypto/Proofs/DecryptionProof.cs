using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Verification;

namespace Ballotline.Crypto.Proofs;

/// <summary>
/// A Chaum–Pedersen proof that log_g(Y) = log_α(M): the holder of the secret s behind the public key (or key
/// share) Y = g^s computed M = α^s honestly for the ciphertext (α, β). Commitments a = g^u, b = α^u;
/// challenge c = H(statement, a, b); response v = u − c·s. Verified by recomputing a = g^v·Y^c and b = α^v·M^c.
/// </summary>
public sealed record DecryptionProof(Scalar Challenge, Scalar Response)
{
    internal const string Domain = "ballotline/v1/decryption-proof";

    /// <summary>Proves, without revealing the secret, that the partial decryption M = A^secret uses the same secret as the public key share K = g^secret (Chaum–Pedersen).</summary>
    public static DecryptionProof Prove(
        ElGamalCiphertext ciphertext, Scalar secret, GroupElement publicKey, GroupElement share, ProofContext context, NonceSource nonces)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(nonces);
        var u = nonces.NextScalar();
        var a = GroupElement.GeneratorSecretPower(u);
        var b = ciphertext.Pad.SecretPower(u);
        var c = Hash(ciphertext, publicKey, share, context, a, b);
        return new DecryptionProof(c, SecretArithmetic.MultiplyAdd(u, -c, secret));
    }

    /// <summary>Whether the proof shows that the partial decryption and the key share have the same exponent, in this context.</summary>
    public VerificationFailure? Verify(ElGamalCiphertext ciphertext, GroupElement publicKey, GroupElement share, ProofContext context)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(share);
        var a = GroupElement.Generator.DoublePower(Response, publicKey, Challenge);
        var b = ciphertext.Pad.DoublePower(Response, share, Challenge);
        return Hash(ciphertext, publicKey, share, context, a, b) == Challenge
            ? null
            : new VerificationFailure("challenge", "The decryption proof does not hold: the decryption share was not computed with the key it claims.");
    }

    private static Scalar Hash(ElGamalCiphertext ciphertext, GroupElement publicKey, GroupElement share, ProofContext context, GroupElement a, GroupElement b)
    {
        ArgumentNullException.ThrowIfNull(context);
        var transcript = context.Start(Domain).Element(publicKey);
        return ciphertext.AppendTo(transcript).Element(share).Element(a).Element(b).ChallengeScalar();
    }
}
