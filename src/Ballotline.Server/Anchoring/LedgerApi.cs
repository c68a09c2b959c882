using Ballotline.Ledger.Log;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Anchoring;

public static class LedgerApi
{
    public sealed record AnchorView(string Kind, string Status, long TreeSize, string Root, string TransactionHash, string? ExplorerUrl, long? BlockNumber,
        int Confirmations, long? GasUsed, string? EffectiveGasPriceWei, string? FeeWei, double? CastToConfirmSeconds, string? FailureReason);

    public sealed record ConsistencyView(long FromSize, long ToSize, string FromRoot, string ToRoot, IReadOnlyList<string> Proof);

    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/elections/{slug}").WithTags("Ledger");
        group.MapGet("/anchors", async (string slug, ElectionService elections, LedgerStatusService ledger, ChainConnection chain, CancellationToken ct) =>
        {
            var election = await elections.GetBySlugAsync(slug, ct);
            return (await ledger.AnchorsAsync(election.Id, ct)).Select(a => new AnchorView(a.Kind.ToString(), a.Status.ToString(), a.TreeSize, a.Root,
                a.TransactionHash, chain.ExplorerLink(a.TransactionHash), a.BlockNumber, a.Confirmations, a.GasUsed, a.EffectiveGasPriceWei, a.FeeWei,
                a.CastToConfirmSeconds, a.FailureReason));
        }).WithSummary("Every chain transaction of the election's ballot log, with gas and fees");
        group.MapGet("/announcement", async (string slug, ElectionService elections, Data.BallotlineDb db, ChainConnection chain, CancellationToken ct) =>
            await ElectionAnnouncement.ForAsync(db, chain, await elections.GetBySlugAsync(slug, ct), ct)
                ?? throw DomainException.NotFound(chain.Options.Enabled
                    ? "The election's announcement (it is made once registration opens and the contract is on the chain)"
                    : "An announcement (this server records on no chain)"))
            .WithSummary("The election's announcement: chain, contract, authority and context hash, to check the published record against (ballotline-verify --announcement)");
        group.MapGet("/log/consistency", async (string slug, long from, long to, ElectionService elections, BallotLog log, CancellationToken ct) =>
        {
            var election = await elections.GetBySlugAsync(slug, ct);
            if (from < 1 || to < from || to > election.BallotCount)
            {
                throw new DomainException("invalid-range", $"Ask for 1 ≤ from ≤ to ≤ {election.BallotCount} (the log's size).");
            }

            var leaves = await log.LeavesAsync(election.Id, to, ct);
            return new ConsistencyView(from, to, Convert.ToHexStringLower(MerkleTree.Root(leaves, from)), Convert.ToHexStringLower(MerkleTree.Root(leaves, to)),
                [.. MerkleTree.ConsistencyProof(leaves, from, to).Select(Convert.ToHexStringLower)]);
        }).WithSummary("RFC 9162 consistency proof between two sizes of the ballot log: the log only grew");
        app.MapPost("/api/ledger/recovery", async (LedgerRecovery.RecoveryRequest request, LedgerRecovery recovery, HttpContext http, CancellationToken ct) =>
                await recovery.RecoverAsync(http.User.Actor(), request?.Reason, ct))
            .WithTags("Ledger").RequireApiAdministrator()
            .WithSummary("After the chain lost this server's records (alert BallotlineChainRecordsLost): deploy a new contract and re-anchor every election's whole log; audited");
        return app;
    }
}
