using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.ElGamal;

/// <summary>A secret exponent s and its public key g^s.</summary>
public sealed class ElGamalKeyPair
{
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

    public Scalar SecretKey { get; }

    public ElGamalPublicKey PublicKey { get; }

    public static ElGamalKeyPair Generate(NonceSource? nonces = null) => new((nonces ?? NonceSource.Secure).NextScalar());
}
