using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.ElGamal;

/// <summary>
/// An exponential ElGamal ciphertext (α, β) = (g^r, K^r · g^m). Multiplying two ciphertexts adds their
/// plaintexts, which is what makes the homomorphic tally possible.
/// </summary>
public sealed record ElGamalCiphertext(GroupElement Pad, GroupElement Data)
{
    /// <summary>The encryption of zero with nonce zero: the neutral element for <see cref="Add"/>.</summary>
    public static ElGamalCiphertext Zero { get; } = new(GroupElement.Identity, GroupElement.Identity);

    /// <summary>The component-wise product: an encryption of the sum of the two plaintexts (exponential ElGamal).</summary>
    public ElGamalCiphertext Add(ElGamalCiphertext other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Pad * other.Pad, Data * other.Data);
    }

    /// <summary>The product of all the ciphertexts, an encryption of the sum of their plaintexts; for none, <see cref="Zero"/> (identity, identity).</summary>
    public static ElGamalCiphertext Sum(IEnumerable<ElGamalCiphertext> ciphertexts)
    {
        ArgumentNullException.ThrowIfNull(ciphertexts);
        var all = ciphertexts as IReadOnlyList<ElGamalCiphertext> ?? [.. ciphertexts];
        if (NativeSum(all) is { } native)
        {
            return native;
        }

        // Added in projective coordinates and brought to affine form once: each GroupElement is normalised, which
        // costs a field inversion, and summing through them paid one per addition (9% of a ballot's verification).
        var pad = GroupElement.Identity.Point;
        var data = GroupElement.Identity.Point;
        foreach (var c in all)
        {
            pad = pad.Add(c.Pad.Point);
            data = data.Add(c.Data.Point);
        }

        return new(new GroupElement(pad), new GroupElement(data));
    }

    // Ciphertexts read for a native check (a contest's selections on the server) are summed by libsecp256k1, so they
    // are never read into BouncyCastle's form. Null when any point is not already in native form, or when a sum is the
    // identity, which libsecp256k1 cannot hold: BouncyCastle then answers, exactly.
    private static ElGamalCiphertext? NativeSum(IReadOnlyList<ElGamalCiphertext> all)
    {
        if (all.Count == 0)
        {
            return null;
        }

        var pads = new byte[all.Count][];
        var data = new byte[all.Count][];
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Pad.CachedNativeForm is not { } pad || all[i].Data.CachedNativeForm is not { } datum)
            {
                return null;
            }

            pads[i] = pad;
            data[i] = datum;
        }

        var library = Libsecp256k1.Current;
        var padSum = new byte[ConstantTime.NativeLength];
        var dataSum = new byte[ConstantTime.NativeLength];
        return library.EcPubkeyCombine(padSum, pads) && library.EcPubkeyCombine(dataSum, data)
            ? new(GroupElement.FromNative(padSum), GroupElement.FromNative(dataSum))
            : null;
    }

    /// <summary>g^m = β / α^s for the holder of the whole secret key (a 1-of-1 election or a test).</summary>
    public GroupElement DecryptToPower(Scalar secretKey)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        return Data / Pad.SecretPower(secretKey);
    }

    internal Transcript AppendTo(Transcript transcript) => transcript.Element(Pad).Element(Data);
}
