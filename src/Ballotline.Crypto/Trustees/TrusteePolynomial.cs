using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Trustees;

/// <summary>
/// A trustee's secret polynomial P(x) = a₀ + a₁x + … + a_{k−1}x^{k−1} for Feldman verifiable secret sharing.
/// a₀ is the trustee's own key; P(ℓ) is the share handed to trustee ℓ. Never leaves the trustee's machine.
/// </summary>
public sealed class TrusteePolynomial
{
    private readonly Scalar[] _coefficients;

    /// <summary>A trustee's secret polynomial of degree k − 1; its constant term is the trustee's secret.</summary>
    public TrusteePolynomial(int trusteeIndex, IReadOnlyList<Scalar> coefficients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trusteeIndex, 1);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Count == 0 || coefficients.Any(c => c is null || c.IsZero))
        {
            throw new ArgumentException("A trustee polynomial needs k non-zero coefficients.", nameof(coefficients));
        }

        TrusteeIndex = trusteeIndex;
        _coefficients = [.. coefficients];
    }

    /// <summary>The owner's index, 1 to n.</summary>
    public int TrusteeIndex { get; }

    /// <summary>k: the number of coefficients.</summary>
    public int Quorum => _coefficients.Length;

    /// <summary>The coefficients, constant term first. Secret.</summary>
    public IReadOnlyList<Scalar> Coefficients => _coefficients;

    /// <summary>A fresh random polynomial for a trustee and a quorum.</summary>
    public static TrusteePolynomial Generate(int trusteeIndex, int quorum, NonceSource? nonces = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quorum, 1);
        nonces ??= NonceSource.Secure;
        var coefficients = new Scalar[quorum];
        for (var j = 0; j < quorum; j++)
        {
            do
            {
                coefficients[j] = nonces.NextScalar();
            }
            while (coefficients[j].IsZero);
        }

        return new TrusteePolynomial(trusteeIndex, coefficients);
    }

    /// <summary>P(ℓ), the share for trustee ℓ (1-based). P(0) is never handed out.</summary>
    public Scalar ShareFor(int recipientIndex)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recipientIndex, 1);
        var x = Scalar.FromInt64(recipientIndex);
        var value = Scalar.Zero;
        for (var j = _coefficients.Length - 1; j >= 0; j--)
        {
            value = SecretArithmetic.MultiplyAdd(_coefficients[j], value, x); // constant time in the coefficients
        }

        return value;
    }

    /// <summary>The public commitments g^a_j, each with a Schnorr proof bound to the election's base hash.</summary>
    public TrusteeCommitment Commit(ReadOnlyMemory<byte> baseHash, NonceSource? nonces = null)
    {
        nonces ??= NonceSource.Secure;
        var commitments = new GroupElement[_coefficients.Length];
        var proofs = new SchnorrProof[_coefficients.Length];
        for (var j = 0; j < _coefficients.Length; j++)
        {
            commitments[j] = GroupElement.GeneratorSecretPower(_coefficients[j]);
            proofs[j] = SchnorrProof.Prove(_coefficients[j], commitments[j],
                new ProofContext(baseHash, TrusteeCommitment.CoefficientSubject(TrusteeIndex, j)), nonces);
        }

        return new TrusteeCommitment(TrusteeIndex, commitments, proofs);
    }
}
