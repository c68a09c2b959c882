using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Ballotline.Crypto.Group;

/// <summary>
/// The one group Ballotline uses: secp256k1, through BouncyCastle's custom (GLV-accelerated) curve code.
/// It has prime order, so every element but the identity generates it and there is no cofactor to clear.
/// </summary>
internal static class Secp256k1
{
    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static ECCurve Curve { get; } = Parameters.Curve;

    /// <summary>The group order n (a 256-bit prime).</summary>
    public static BigInteger Order { get; } = Parameters.N;

    /// <summary>The field prime p.</summary>
    public static BigInteger FieldPrime { get; } = Parameters.Curve.Field.Characteristic;

    public static ECPoint Generator { get; } = Parameters.G.Normalize();

    public static ECPoint Infinity => Curve.Infinity;
}
