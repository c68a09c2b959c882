using Org.BouncyCastle.Math.EC;

namespace Ballotline.Crypto.Group;

/// <summary>
/// Per-thread copies of the points every proof check multiplies (the generator, the election's key). BouncyCastle
/// keeps a point's precomputed tables on the point instance behind a lock on that instance, so threads verifying
/// ballots in parallel against one shared generator queued on that lock: a profile of the verifier on 2 cores
/// showed 43% of its thread time waiting in Monitor.Enter. A copy per thread has its own tables and its own lock.
/// </summary>
internal static class ThreadOwnedPoints
{
    [ThreadStatic]
    private static ECPoint? t_generator;

    // The last shared point this thread asked for and its copy: a verifier checks many ballots of one election, so
    // one entry catches the election key every time without holding on to points of other elections.
    [ThreadStatic]
    private static ECPoint? t_shared;

    [ThreadStatic]
    private static ECPoint? t_copy;

    public static ECPoint Generator => t_generator ??= Copy(Secp256k1.Generator);

    public static ECPoint Own(ECPoint shared)
    {
        if (!ReferenceEquals(t_shared, shared))
        {
            t_copy = Copy(shared);
            t_shared = shared;
        }

        return t_copy!;
    }

    private static ECPoint Copy(ECPoint point) =>
        point.IsInfinity ? point : Secp256k1.Curve.CreatePoint(point.AffineXCoord.ToBigInteger(), point.AffineYCoord.ToBigInteger());
}
