using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.ElGamal;

/// <summary>
/// An election public key K = g^s. Keep one instance per election: the precomputation that makes K^r fast
/// lives on it.
/// </summary>
public sealed class ElGamalPublicKey
{
    private readonly FixedBase _base;

    // The key in libsecp256k1's form, parsed once (and only when something is encrypted: a verifier never needs it).
    private readonly Lazy<byte[]> _native;

    // K's multiples for public exponents (verification), built on the first native proof check against this key.
    private readonly Lazy<PublicPowerTable> _powerTable;

    /// <summary>A public key; the identity is refused (it would encrypt nothing).</summary>
    public ElGamalPublicKey(GroupElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.IsIdentity)
        {
            throw new CryptoFormatException("public-key.identity", "The identity cannot be a public key.");
        }

        _base = new FixedBase(element);
        _native = new(() => ConstantTime.Parse(element));
        _powerTable = new(() => PublicPowerTable.Build(Native));
    }

    /// <summary>The group element K = g^secret.</summary>
    public GroupElement Element => _base.Element;

    /// <summary>K in libsecp256k1's 64-byte form, for the constant-time prover.</summary>
    internal ReadOnlySpan<byte> Native => _native.Value;

    /// <summary>K's multiples for raising it to public exponents in libsecp256k1 (read only where the library is loaded).</summary>
    internal PublicPowerTable PowerTable => _powerTable.Value;

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

        // Every step in constant time and the same for every vote: g^r, K^r, then K^r · g^(m+1) · g^−1, g^(m+1) read
        // from a table in constant time (g^0 is the identity, which has no native form and which an addition
        // returns at once — a vote for "no" would otherwise take another path than a "yes").
        if (message is >= 0 and < RangeProof.MaxBranches)
        {
            var pad = ConstantTime.GeneratorPowerNative(nonce);
            var shared = ConstantTime.PowerNative(Native, nonce);
            var (shift, correction) = ConstantTime.SmallGeneratorPowerNative(message);
            var data = ConstantTime.SumNative(shared, shift, correction);
            return new ElGamalEncryption(new ElGamalCiphertext(ConstantTime.ToElement(pad), ConstantTime.ToElement(data)), nonce);
        }

        // Larger plaintexts (not a ballot's) take the general path: the same operations for every such message.
        var padElement = GroupElement.GeneratorSecretPower(nonce);
        var dataElement = Element.SecretPower(nonce) * GroupElement.GeneratorSecretPower(Scalar.FromInt64(message + 1)) / GroupElement.Generator;
        return new ElGamalEncryption(new ElGamalCiphertext(padElement, dataElement), nonce);
    }

    /// <inheritdoc />
    public override string ToString() => Element.ToHex();
}
