using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.ElGamal;

/// <summary>
/// An election public key K = g^s. Keep one instance per election: the precomputation that makes K^r fast
/// lives on it.
/// </summary>
public sealed class ElGamalPublicKey
{
    private readonly FixedBase _base;

    /// <summary>A public key; the identity is refused (it would encrypt nothing).</summary>
    public ElGamalPublicKey(GroupElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.IsIdentity)
        {
            throw new CryptoFormatException("public-key.identity", "The identity cannot be a public key.");
        }

        _base = new FixedBase(element);
    }

    /// <summary>The group element K = g^secret.</summary>
    public GroupElement Element => _base.Element;

    /// <summary>K^e for a public exponent (verification); a nonce goes through <see cref="GroupElement.SecretPower"/>.</summary>
    public GroupElement Power(Scalar exponent) => _base.Power(exponent);

    /// <summary>Exponential ElGamal: (g^r, K^r · g^m). The nonce r is returned so that the ballot can be audited.</summary>
    public ElGamalEncryption Encrypt(long message, Scalar nonce)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        if (nonce.IsZero)
        {
            throw new ArgumentException("The nonce must not be zero.", nameof(nonce));
        }

        // Every step in constant time and the same for every message: g^(m+1) then ÷ g, because g^0 is the identity,
        // which BouncyCastle's addition returns at once — a vote for "no" would otherwise be faster than a "yes".
        var pad = GroupElement.GeneratorSecretPower(nonce);
        var data = Element.SecretPower(nonce) * GroupElement.GeneratorSecretPower(Scalar.FromInt64(message + 1)) / GroupElement.Generator;
        return new ElGamalEncryption(new ElGamalCiphertext(pad, data), nonce);
    }

    /// <inheritdoc />
    public override string ToString() => Element.ToHex();
}
