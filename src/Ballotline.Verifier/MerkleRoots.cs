using System.Security.Cryptography;

namespace Ballotline.Verifier;

/// <summary>
/// RFC 9162 Merkle tree hashing, written again here on purpose: the verifier must not trust the server's code.
/// Leaf = SHA-256(0x00 ‖ data); node = SHA-256(0x01 ‖ left ‖ right); a tree of n leaves splits at the largest
/// power of two below n.
/// </summary>
public static class MerkleRoots
{
    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[data.Length + 1];
        data.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    /// <summary>The root of the first <paramref name="size"/> leaves (the empty tree's root is SHA-256 of nothing).</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves, long size)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, leaves.Count);
        return size == 0 ? SHA256.HashData([]) : Subtree(leaves, 0, (int)size);
    }

    private static byte[] Subtree(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var split = 1;
        while (split * 2 < count)
        {
            split *= 2;
        }

        var node = new byte[65];
        node[0] = 1;
        Subtree(leaves, start, split).CopyTo(node, 1);
        Subtree(leaves, start + split, count - split).CopyTo(node, 33);
        return SHA256.HashData(node);
    }
}
