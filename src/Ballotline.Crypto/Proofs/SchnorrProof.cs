using Ballotline.Crypto.Group;
using Ballotline.Crypto.Verification;

namespace Ballotline.Crypto.Proofs;

/// <summary>
/// A Schnorr proof of knowledge of s with Y = g^s: commitment h = g^u, challenge c = H(statement, Y, h),
/// response v = u − c·s; verified by recomputing h = g^v·Y^c. Trustees attach one to each public coefficient.
/// </summary>
public sealed record SchnorrProof(Scalar Challenge, Scalar Response)
{
    internal const string Domain = "ballotline/v1/schnorr-proof";

    /// <summary>Proves knowledge of the secret exponent of a public value, bound to the context.</summary>
    public static SchnorrProof Prove(Scalar secret, GroupElement publicKey, ProofContext context, NonceSource nonces)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(nonces);
        var u = nonces.NextScalar();
        var c = Hash(publicKey, GroupElement.GeneratorSecretPower(u), context);
        return new SchnorrProof(c, SecretArithmetic.MultiplyAdd(u, -c, secret));
    }

    /// <summary>Whether the proof shows knowledge of the exponent of the public value, in this context.</summary>
    public VerificationFailure? Verify(GroupElement publicKey, ProofContext context)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.IsIdentity)
        {
            return new VerificationFailure("identity", "The identity cannot be a public key.");
        }

        var h = GroupElement.Generator.DoublePower(Response, publicKey, Challenge);
        return Hash(publicKey, h, context) == Challenge
            ? null
            : new VerificationFailure("challenge", "The Schnorr proof does not hold: knowledge of the secret key is not proven.");
    }

    private static Scalar Hash(GroupElement publicKey, GroupElement commitment, ProofContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Start(Domain).Element(publicKey).Element(commitment).ChallengeScalar();
    }
}
