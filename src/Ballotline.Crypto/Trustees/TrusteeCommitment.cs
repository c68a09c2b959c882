using System.Text.Json.Serialization;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;
using Ballotline.Crypto.Verification;

namespace Ballotline.Crypto.Trustees;

/// <summary>
/// A trustee's public commitments K_j = g^a_j to its polynomial's coefficients, each with a Schnorr proof of
/// knowledge. Anyone can check with them that a share P(ℓ) is consistent: g^P(ℓ) = Π K_j^(ℓ^j).
/// </summary>
public sealed record TrusteeCommitment(int TrusteeIndex, IReadOnlyList<GroupElement> Coefficients, IReadOnlyList<SchnorrProof> Proofs)
{
    /// <summary>The trustee's own public key, g^a₀.</summary>
    [JsonIgnore]
    public GroupElement PublicKey => Coefficients[0];

    /// <summary>Checks one commitment and one proof per coefficient (a quorum of each), and each Schnorr proof, bound to the base hash and to this trustee's coefficient.</summary>
    public VerificationResult Verify(ReadOnlyMemory<byte> baseHash, int quorum)
    {
        var checks = new VerificationCollector();
        checks.Check(Coefficients.Count == quorum && Proofs.Count == quorum, "coefficients",
            $"Trustee {TrusteeIndex} committed to {Coefficients.Count} coefficients with {Proofs.Count} proofs; a quorum of {quorum} needs {quorum} of each.");
        for (var j = 0; j < Math.Min(Coefficients.Count, Proofs.Count); j++)
        {
            checks.Add(Proofs[j].Verify(Coefficients[j], new ProofContext(baseHash, CoefficientSubject(TrusteeIndex, j))), $"coefficient[{j}].schnorr-proof");
        }

        return checks.Result();
    }

    /// <summary>Π_j K_j^(ℓ^j): what g raised to this trustee's share for trustee ℓ must equal.</summary>
    public GroupElement ShareCommitment(int recipientIndex)
    {
        var x = Scalar.FromInt64(recipientIndex);
        var power = Scalar.One;
        var product = GroupElement.Identity;
        foreach (var coefficient in Coefficients)
        {
            product *= coefficient.Power(power);
            power *= x;
        }

        return product;
    }

    /// <summary>True when <paramref name="share"/> is the value this trustee committed to for trustee ℓ.</summary>
    public bool IsConsistentShare(int recipientIndex, Scalar share) =>
        GroupElement.GeneratorSecretPower(share) == ShareCommitment(recipientIndex);

    internal static string CoefficientSubject(int trustee, int coefficient) => $"trustee/{trustee}/coefficient/{coefficient}";
}
