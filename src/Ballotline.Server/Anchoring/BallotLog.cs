using System.Security.Cryptography;
using Ballotline.Ledger.Log;
using Ballotline.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Anchoring;

/// <summary>
/// An election's ballot log as a Merkle tree: leaf i is H(0x00 ‖ tracking code of the ballot at log position i).
/// The leaves are the ballot box rows themselves, written in the casting transaction, and never rewritten.
/// The log doubles as the anchoring outbox: every leaf above the last anchored tree size is waiting.
/// </summary>
public sealed class BallotLog(BallotlineDb db)
{
    public async Task<List<byte[]>> LeavesAsync(Guid electionId, long size, CancellationToken ct)
    {
        var codes = await db.BallotBox.AsNoTracking().Where(b => b.ElectionId == electionId && b.LogIndex < size)
            .OrderBy(b => b.LogIndex).Select(b => b.TrackingCode).ToListAsync(ct);
        if (codes.Count != size)
        {
            throw new InvalidOperationException($"The ballot log has {codes.Count} leaves below position {size}: it has a gap.");
        }

        return [.. codes.Select(c => MerkleTree.LeafHash(Convert.FromHexString(c)))];
    }

    public async Task<byte[]> RootAsync(Guid electionId, long size, CancellationToken ct) =>
        MerkleTree.Root(await LeavesAsync(electionId, size, ct), size);

    public static byte[] ChainElectionId(string contextHash) => Convert.FromHexString(contextHash);

    public static byte[] ManifestHash(string manifestJson) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(manifestJson));
}
