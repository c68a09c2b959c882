using System.Globalization;
using Ballotline.Ledger.Log;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Voting;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Anchoring;

/// <summary>Answers "where is my ballot on the chain?" and "does the chain prove it is in the log?".</summary>
public sealed class LedgerStatusService(BallotlineDb db, BallotLog log, ChainConnection chain, ChainHealth health)
{
    // The wordings the voter pages translate into plain words (Pages/PlainWords): named once, compared, never parsed.
    internal const string WaitForChain = "as soon as the chain is reachable again";
    internal const string WaitForRecovery = "after the election's staff restore the chain record; your ballot is safe in the ballot log meanwhile";
    internal const string NotYetRecorded = "Your ballot is in the log but not yet recorded on the chain; try again in a minute.";
    internal const string RootMismatch = "NOT verified: the root on the chain does not match the ballot log. Report this to the election's support address.";

    public async Task<BallotChainStatus> StatusAsync(Guid electionId, long logIndex, CancellationToken ct)
    {
        var options = chain.Options;
        var anchor = options.Enabled ? await CoveringAnchorAsync(electionId, logIndex, ct) : null;
        if (anchor is null)
        {
            return Waiting();
        }

        var explorer = chain.ExplorerLink(anchor.TransactionHash);
        return anchor.Status switch
        {
            AnchorStatus.Final => new("final", $"final — recorded in block {anchor.BlockNumber} with {anchor.Confirmations} confirmations", anchor.TransactionHash, explorer, anchor.BlockNumber, anchor.Confirmations, options.Confirmations, anchor.TreeSize, null),
            AnchorStatus.Confirmed => new("confirmed", $"confirmed {anchor.Confirmations}/{options.Confirmations} — in block {anchor.BlockNumber}", anchor.TransactionHash, explorer, anchor.BlockNumber, anchor.Confirmations, options.Confirmations, anchor.TreeSize,
                string.Create(CultureInfo.InvariantCulture, $"about {(options.Confirmations - anchor.Confirmations) * options.PollSeconds:F0} seconds")),
            AnchorStatus.Prepared or AnchorStatus.Submitted => new("submitted", "submitted — the transaction is waiting to be mined", anchor.TransactionHash, explorer, null, 0, options.Confirmations, anchor.TreeSize, "usually under a minute"),
            AnchorStatus.Failed or AnchorStatus.Lost => throw new InvalidOperationException("Failed and lost anchors do not cover ballots."),
        };
    }

    /// <summary>
    /// The status of a ballot no anchor covers yet — that of every ballot at the moment it is appended: an anchor covers
    /// only positions below the log's size when it was prepared, so none covered the position when it was taken. A
    /// cast's receipt reports that without asking the database; an anchor prepared since is on the status page.
    /// </summary>
    public BallotChainStatus Waiting()
    {
        var options = chain.Options;
        if (!options.Enabled)
        {
            return new("accepted", "accepted — this server records no chain (Chain:Mode is None)", null, null, null, 0, 0, null, null);
        }

        var wait = health.RecordsLost is not null
            ? WaitForRecovery
            : health.Connected
            ? string.Create(CultureInfo.InvariantCulture, $"within about {options.BatchSeconds + (options.PollSeconds * (options.Confirmations + 2)):F0} seconds")
            : WaitForChain;
        return new("accepted", $"accepted — waiting to be recorded on the chain ({wait})", null, null, null, 0, options.Confirmations, null, wait);
    }

    /// <summary>
    /// Recomputes the ballot's Merkle inclusion proof up to the anchor that covers it and checks it against the
    /// root read live from the chain (the Anchored event, or the final root of a closed election).
    /// </summary>
    public async Task<InclusionVerification> VerifyAsync(BallotBoxEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var leaf = MerkleTree.LeafHash(Convert.FromHexString(entry.TrackingCode));
        InclusionVerification NotVerified(string reason, AnchorRecord? anchor = null) =>
            new(false, reason, entry.LogIndex, anchor?.TreeSize, Convert.ToHexStringLower(leaf), [], null, null, anchor?.TransactionHash, anchor?.BlockNumber, chain.Options.DisplayName);

        if (!chain.Options.Enabled)
        {
            return NotVerified("This server records no chain, so there is no on-chain root to check against.");
        }

        var anchor = await CoveringAnchorAsync(entry.ElectionId, entry.LogIndex, ct);
        if (anchor is null || anchor.Status is AnchorStatus.Prepared or AnchorStatus.Submitted)
        {
            return NotVerified(NotYetRecorded, anchor);
        }

        var leaves = await log.LeavesAsync(entry.ElectionId, anchor.TreeSize, ct);
        var proof = MerkleTree.InclusionProof(leaves, entry.LogIndex, anchor.TreeSize);
        var computed = MerkleTree.Root(leaves, anchor.TreeSize);
        byte[]? chainRoot;
        try
        {
            chainRoot = await ChainRootAsync(entry.ElectionId, anchor, ct);
        }
        catch (Exception e) when (IsChainFailure(e, ct))
        {
            throw DomainException.ChainUnavailable("The chain cannot be reached just now, so your ballot cannot be checked against it. Your ballot is safe in the ballot log: try again in a minute.");
        }

        var proofHex = proof.Select(Convert.ToHexStringLower).ToArray();
        if (chainRoot is null)
        {
            return NotVerified("The chain has no anchor of this log size: the recorded transaction is not on the chain now.", anchor) with { Proof = proofHex, ComputedRoot = Convert.ToHexStringLower(computed) };
        }

        var verified = MerkleTree.VerifyInclusion(leaf, entry.LogIndex, anchor.TreeSize, proof, chainRoot);
        var reason = verified
            ? $"Verified: the proof links your ballot to the root recorded on the chain for the first {anchor.TreeSize} ballots."
            : RootMismatch;
        return new(verified, reason, entry.LogIndex, anchor.TreeSize, Convert.ToHexStringLower(leaf), proofHex, Convert.ToHexStringLower(computed),
            Convert.ToHexStringLower(chainRoot), anchor.TransactionHash, anchor.BlockNumber, chain.Options.DisplayName);
    }

    public async Task<IReadOnlyList<AnchorRecord>> AnchorsAsync(Guid electionId, CancellationToken ct) =>
        await db.Anchors.AsNoTracking().Where(a => a.ElectionId == electionId).OrderBy(a => a.Id).ToListAsync(ct);

    private async Task<byte[]?> ChainRootAsync(Guid electionId, AnchorRecord anchor, CancellationToken ct)
    {
        var deployment = await LedgerDeployment.ActiveAsync(db.LedgerDeployments.AsNoTracking(), chain.Options.ChainId, ct);
        var contextHash = await db.Elections.Where(e => e.Id == electionId).Select(e => e.ContextHash).SingleAsync(ct);
        if (deployment is null || contextHash is null)
        {
            return null;
        }

        var reader = chain.ReadOnlyLedger(deployment.ContractAddress);
        var chainElectionId = BallotLog.ChainElectionId(contextHash);
        if (anchor.Kind == AnchorKind.Close)
        {
            var final = await reader.GetFinalRootAsync(chainElectionId);
            return final.All(b => b == 0) ? null : final;
        }

        var anchors = await reader.GetAnchorsAsync(chainElectionId);
        return anchors.FirstOrDefault(a => a.TreeSize == anchor.TreeSize)?.Root;
    }

    /// <summary>The node failed to answer (after the client's own retries): unreachable, timed out, or an error of its own.</summary>
    private static bool IsChainFailure(Exception e, CancellationToken ct) =>
        e is Nethereum.JsonRpc.Client.RpcResponseException or Nethereum.JsonRpc.Client.RpcClientUnknownException or Nethereum.JsonRpc.Client.RpcClientTimeoutException
            or HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested);

    private Task<AnchorRecord?> CoveringAnchorAsync(Guid electionId, long logIndex, CancellationToken ct) =>
        db.Anchors.AsNoTracking()
            .Where(a => a.ElectionId == electionId && a.Kind != AnchorKind.Open && a.Status != AnchorStatus.Failed && a.Status != AnchorStatus.Lost && a.TreeSize > logIndex)
            .OrderByDescending(a => a.Status == AnchorStatus.Final).ThenByDescending(a => a.Status == AnchorStatus.Confirmed).ThenBy(a => a.TreeSize)
            .FirstOrDefaultAsync(ct);
}
