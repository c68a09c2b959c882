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

    // K's comb for secret exponents (encryption and proof nonces); null for a key that has none (see SecretPowerTable),
    // which is then raised by libsecp256k1's ladder. Built once this key object has been raised to a secret
    // CombAfter times: building takes ~5–9 ms, the time of ~300 powers by the ladder, so a key that encrypts one or
    // two ballots (a simulated voter's device rebuilds the election's context) keeps the ladder, and one that
    // encrypts many (the server, a benchmark, a load client) gets the comb from its fourth ballot on.
    private const int CombAfter = 48;
    private readonly Lazy<SecretPowerTable?> _secretTable;
    private int _secretPowers;

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
        _secretTable = new(() => SecretPowerTable.TryBuild(Native));
    }

    /// <summary>The group element K = g^secret.</summary>
    public GroupElement Element => _base.Element;

    /// <summary>K in libsecp256k1's 64-byte form, for the constant-time prover.</summary>
    internal ReadOnlySpan<byte> Native => _native.Value;

    /// <summary>K's multiples for raising it to public exponents in libsecp256k1 (read only where the library is loaded).</summary>
    internal PublicPowerTable PowerTable => _powerTable.Value;

    /// <summary>Whether the comb has been built (or found impossible) for this key object.</summary>
    internal bool CombBuilt => _secretTable.IsValueCreated;

    /// <summary>K's comb for secret exponents, built now if it was not; null for a key that has none.</summary>
    internal SecretPowerTable? SecretTable => _secretTable.Value;

    /// <summary>
    /// K^k · extra₁ · extra₂ … for a secret, non-zero k, in constant time, in native form: one addition of the comb's
    /// entries and the extra points once the key has a comb, else the ladder and then the addition. Traced as one
    /// secret power either way: which path runs depends on how often this key was used, never on a secret.
    /// </summary>
    internal byte[] SecretPowerNative(Scalar secret, params byte[][] extra)
    {
        OperationTrace.Record("secret-power");
        // Counted only until the comb is built: a server's key is raised millions of times, and neither the shared
        // counter's traffic nor its overflow (which would send a key back to the ladder) belongs on that path.
        return (CombBuilt || Interlocked.Increment(ref _secretPowers) > CombAfter) && SecretTable is { } table
            ? table.Power(secret, extra)
            : ConstantTime.LadderPowerNative(Native, secret, extra);
    }

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

        // Every step in constant time and the same for every vote: g^r, then K^r · g^(m+1) · g^−1 in one addition,
        // g^(m+1) read from a table in constant time (g^0 is the identity, which has no native form and which an addition
        // returns at once — a vote for "no" would otherwise take another path than a "yes").
        if (message is >= 0 and < RangeProof.MaxBranches)
        {
            var pad = ConstantTime.GeneratorPowerNative(nonce);
            var (shift, correction) = ConstantTime.SmallGeneratorPowerNative(message);
            var data = SecretPowerNative(nonce, shift, correction);
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
