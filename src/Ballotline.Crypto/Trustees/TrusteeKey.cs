using Ballotline.Crypto.Election;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Trustees;

/// <summary>
/// Trustee ℓ's secret share s_ℓ = Σ_i P_i(ℓ) of the election key, assembled from the shares every trustee
/// dealt it. Any k of these reconstruct the key's action (never the key itself) by Lagrange interpolation.
/// </summary>
public sealed class TrusteeKey
{
    internal TrusteeKey(int trusteeIndex, Scalar secret)
    {
        TrusteeIndex = trusteeIndex;
        Secret = secret;
    }

    /// <summary>The trustee's index, 1 to n.</summary>
    public int TrusteeIndex { get; }

    /// <summary>The trustee's share of the election key. Kept only on the trustee's computer, sealed at rest.</summary>
    public Scalar Secret { get; }

    /// <summary>Restores a key saved by the trustee (its own backup), checking it against the public commitments.</summary>
    public static TrusteeKey Restore(int trusteeIndex, Scalar secret, IReadOnlyList<TrusteeCommitment> commitments)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = new TrusteeKey(trusteeIndex, secret);
        if (GroupElement.GeneratorSecretPower(secret) != KeyCeremony.ShareVerificationKey(trusteeIndex, commitments))
        {
            throw new TrusteeException([trusteeIndex], "trustee-key.restore", $"The saved key of trustee {trusteeIndex} does not match the published commitments.");
        }

        return key;
    }

    /// <summary>M_ℓ = α^s_ℓ for each ciphertext, each with a Chaum–Pedersen proof against g^s_ℓ.</summary>
    public PartialDecryption Decrypt(ElectionContext context, IReadOnlyList<ElGamalCiphertext> ciphertexts, NonceSource? nonces = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ciphertexts);
        nonces ??= NonceSource.Secure;
        var verificationKey = GroupElement.GeneratorSecretPower(Secret);
        var proofContext = context.ProofContext(PartialDecryption.Subject(TrusteeIndex));
        var shares = new GroupElement[ciphertexts.Count];
        var proofs = new DecryptionProof[ciphertexts.Count];
        for (var i = 0; i < ciphertexts.Count; i++)
        {
            shares[i] = ciphertexts[i].Pad.SecretPower(Secret);
            proofs[i] = DecryptionProof.Prove(ciphertexts[i], Secret, verificationKey, shares[i], proofContext, nonces);
        }

        return new PartialDecryption(TrusteeIndex, shares, proofs);
    }
}
