using Org.BouncyCastle.Math.EC.Multiplier;

namespace Ballotline.Crypto.Group;

/// <summary>
/// A base that is raised to many exponents (the generator, an election's public key): BouncyCastle caches
/// its precomputed comb table on the point instance, so one long-lived instance per base is what makes it fast.
/// </summary>
internal sealed class FixedBase
{
    private static readonly FixedPointCombMultiplier Multiplier = new();

    public FixedBase(GroupElement element) => Element = element;

    public static FixedBase Generator { get; } = new(new GroupElement(Secp256k1.Generator));

    public GroupElement Element { get; }

    public GroupElement Power(Scalar exponent)
    {
        OperationTrace.Record("public-power");
        return new(Multiplier.Multiply(Element.Point, exponent.Value));
    }
}
