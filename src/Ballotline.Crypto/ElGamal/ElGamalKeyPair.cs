using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.ElGamal;

/// <summary>A secret exponent s and its public key g^s.</summary>
public sealed class ElGamalKeyPair
{
    /// <summary>The key pair of a secret key; the public key is g^secret.</summary>
    public ElGamalKeyPair(Scalar secretKey)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        if (secretKey.IsZero)
        {
            throw new ArgumentException("A secret key must not be zero.", nameof(secretKey));
        }

        SecretKey = secretKey;
        PublicKey = new ElGamalPublicKey(GroupElement.GeneratorSecretPower(secretKey));
    }

    /// <summary>The secret exponent. Never leaves its holder except sealed (see SealedTrusteeKey).</summary>
    public Scalar SecretKey { get; }

    /// <summary>g^secret, which ballots are encrypted to.</summary>
    public ElGamalPublicKey PublicKey { get; }

    /// <summary>A fresh key pair from the given randomness (the system's CSPRNG by default).</summary>
    public static ElGamalKeyPair Generate(NonceSource? nonces = null) => new((nonces ?? NonceSource.Secure).NextScalar());
}
