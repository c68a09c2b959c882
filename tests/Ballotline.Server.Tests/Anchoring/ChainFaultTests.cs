using Ballotline.Server.Anchoring;
using Ballotline.Testing;
using Microsoft.EntityFrameworkCore;
using Nethereum.Web3;

namespace Ballotline.Server.Tests.Anchoring;

/// <summary>The anchorer against a node that mines only when told: restarts, dropped and stuck transactions.</summary>
public sealed class ChainFaultTests(ManualAnvilNode anvil) : IClassFixture<ManualAnvilNode>
{
    private async Task MineAsync(int blocks = 1)
    {
        for (var i = 0; i < blocks; i++)
        {
            await anvil.CallAsync<object>("evm_mine");
        }
    }

    /// <summary>Mines a block every 200 ms until <paramref name="done"/> holds (the node mines only on request).</summary>
    private Task MineWhileAsync(Func<Task<bool>> done, CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested && !await done())
        {
            await MineAsync();
            await Task.Delay(200, CancellationToken.None);
        }
    }, CancellationToken.None);

    private static Task<List<AnchorRecord>> AnchorsAsync(BallotlineApp app) => app.WithDbAsync(db => db.Anchors.AsNoTracking().OrderBy(a => a.Id).ToListAsync());

    private async Task<int> AnchoredEventsAsync(string contract, long treeSize)
    {
        var logs = await new Web3(anvil.RpcUrl).Eth.GetEvent<Ballotline.Ledger.Chain.AnchoredEvent>(contract)
            .GetAllChangesAsync(new Web3(anvil.RpcUrl).Eth.GetEvent<Ballotline.Ledger.Chain.AnchoredEvent>(contract).CreateFilterInput());
        return logs.Count(l => (long)l.Event.TreeSize == treeSize);
    }

    [Fact]
    public async Task A_restart_between_send_and_confirmation_resumes_without_sending_again()
    {
        var key = await LedgerTestAccounts.FundedKeyAsync(anvil);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ballotline-tests", Guid.NewGuid().ToString("N"));
        string contract;
        List<AnchorRecord> before;
        var first = new BallotlineApp(dataDirectory: dataDirectory).WithChain(anvil.RpcUrl, key);
        first.KeepDatabase = true;
        await using (first)
        {
            // Deployment waits for its receipt: mine while it is pending.
            first.StartServer();
            using var miner = new CancellationTokenSource();
            var mining = MineWhileAsync(() => first.WithDbAsync(db => db.LedgerDeployments.AnyAsync()), miner.Token);
            await AnchoringTests.CastAsync(first, "restart", 2);
            await Eventually.HoldsAsync(async () => (await AnchorsAsync(first)).Any(a => a.Kind == AnchorKind.Anchor && a.TreeSize == 2 && a.Status == AnchorStatus.Submitted), "the anchor is submitted");
            await miner.CancelAsync();
            await mining;
            before = await AnchorsAsync(first);
            contract = await first.WithDbAsync(db => db.LedgerDeployments.Select(d => d.ContractAddress).SingleAsync());
        }

        await MineAsync();
        await using var second = new BallotlineApp(dataDirectory: dataDirectory).WithChain(anvil.RpcUrl, key);
        _ = second.Services;
        second.StartServer();
        await Eventually.HoldsAsync(async () =>
        {
            await MineAsync();
            return (await AnchorsAsync(second)).Where(a => a.Kind == AnchorKind.Anchor).All(a => a.Status == AnchorStatus.Final);
        }, "the anchors are final after the restart");

        var after = await AnchorsAsync(second);
        Assert.Equal(before.Select(a => a.TransactionHash), after.Select(a => a.TransactionHash));
        Assert.Equal(1, await AnchoredEventsAsync(contract, 2));
    }

    [Fact]
    public async Task A_dropped_transaction_is_sent_again_with_the_same_hash()
    {
        await using var app = new BallotlineApp().WithChain(anvil.RpcUrl, await LedgerTestAccounts.FundedKeyAsync(anvil)).With("Chain:ReplaceAfterSeconds", "3600");
        app.StartServer();
        using var miner = new CancellationTokenSource();
        var mining = MineWhileAsync(() => app.WithDbAsync(db => db.Anchors.AnyAsync(a => a.Kind == AnchorKind.Open && a.Status != AnchorStatus.Submitted)), miner.Token);
        await AnchoringTests.CastAsync(app, "dropped", 1);
        await Eventually.HoldsAsync(async () => (await AnchorsAsync(app)).Any(a => a.Kind == AnchorKind.Anchor && a.Status == AnchorStatus.Submitted), "the anchor is submitted");
        await miner.CancelAsync();
        await mining;
        var anchor = (await AnchorsAsync(app)).Single(a => a.Kind == AnchorKind.Anchor);

        await anvil.CallAsync<object>("anvil_dropTransaction", anchor.TransactionHash);
        Assert.Null(await new Web3(anvil.RpcUrl).Eth.Transactions.GetTransactionByHash.SendRequestAsync(anchor.TransactionHash));
        await Eventually.HoldsAsync(async () => await new Web3(anvil.RpcUrl).Eth.Transactions.GetTransactionByHash.SendRequestAsync(anchor.TransactionHash) is not null,
            "the anchorer broadcasts the dropped transaction again");
        await Eventually.HoldsAsync(async () =>
        {
            await MineAsync();
            return (await AnchorsAsync(app)).Single(a => a.Kind == AnchorKind.Anchor).Status == AnchorStatus.Final;
        }, "the anchor is final");
        var final = (await AnchorsAsync(app)).Single(a => a.Kind == AnchorKind.Anchor);
        Assert.Equal(anchor.TransactionHash, final.TransactionHash);
        Assert.True(final.Attempts >= 2);
    }

    [Fact]
    public async Task A_stuck_transaction_is_replaced_with_a_higher_fee_and_anchored_once()
    {
        await using var app = new BallotlineApp().WithChain(anvil.RpcUrl, await LedgerTestAccounts.FundedKeyAsync(anvil)).With("Chain:ReplaceAfterSeconds", "1");
        app.StartServer();
        using var miner = new CancellationTokenSource();
        var mining = MineWhileAsync(() => app.WithDbAsync(db => db.Anchors.AnyAsync(a => a.Kind == AnchorKind.Open && a.Status != AnchorStatus.Submitted)), miner.Token);
        await AnchoringTests.CastAsync(app, "stuck", 1);
        await miner.CancelAsync();
        await mining;
        await Eventually.HoldsAsync(async () => (await AnchorsAsync(app)).Any(a => a.Kind == AnchorKind.Anchor && a.ReplacedHashes.Length > 0), "the stuck anchor is replaced");
        var replaced = (await AnchorsAsync(app)).Single(a => a.Kind == AnchorKind.Anchor);
        await Eventually.HoldsAsync(async () =>
        {
            await MineAsync();
            return (await AnchorsAsync(app)).Single(a => a.Kind == AnchorKind.Anchor).Status == AnchorStatus.Final;
        }, "the replacement is final");
        var contract = await app.WithDbAsync(db => db.LedgerDeployments.Select(d => d.ContractAddress).SingleAsync());
        Assert.Equal(1, await AnchoredEventsAsync(contract, 1));
        Assert.True(System.Numerics.BigInteger.Parse(replaced.MaxFeePerGasWei, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task An_anchor_whose_block_disappears_in_a_reorg_is_sent_again_and_ends_final()
    {
        await using var app = new BallotlineApp().WithChain(anvil.RpcUrl, await LedgerTestAccounts.FundedKeyAsync(anvil), recordingConfirmations: "3")
            .With("Chain:ReplaceAfterSeconds", "3600");
        app.StartServer();
        using var miner = new CancellationTokenSource();
        var mining = MineWhileAsync(() => app.WithDbAsync(db => db.Anchors.AnyAsync(a => a.Kind == AnchorKind.Open && a.Status != AnchorStatus.Submitted)), miner.Token);
        await AnchoringTests.CastAsync(app, "reorg", 1);
        await miner.CancelAsync();
        await mining;
        await Eventually.HoldsAsync(async () => (await AnchorsAsync(app)).Any(a => a.Kind == AnchorKind.Anchor && a.Status == AnchorStatus.Submitted), "the anchor is submitted");

        var snapshot = await anvil.CallAsync<string>("evm_snapshot");
        await MineAsync();
        await Eventually.HoldsAsync(async () => (await AnchorsAsync(app)).Single(a => a.Kind == AnchorKind.Anchor).Status == AnchorStatus.Confirmed, "the anchor is confirmed 1/3");
        var minedIn = (await AnchorsAsync(app)).Single(a => a.Kind == AnchorKind.Anchor).BlockHash;

        Assert.True(await anvil.CallAsync<bool>("evm_revert", snapshot)); // the block with the anchor is gone
        await Eventually.HoldsAsync(async () => (await AnchorsAsync(app)).Single(a => a.Kind == AnchorKind.Anchor).Status == AnchorStatus.Submitted,
            "the anchorer notices the anchor left the chain");
        await Eventually.HoldsAsync(async () =>
        {
            await MineAsync();
            return (await AnchorsAsync(app)).Single(a => a.Kind == AnchorKind.Anchor).Status == AnchorStatus.Final;
        }, "the re-sent anchor is final");

        var final = (await AnchorsAsync(app)).Single(a => a.Kind == AnchorKind.Anchor);
        Assert.NotEqual(minedIn, final.BlockHash);
        var contract = await app.WithDbAsync(db => db.LedgerDeployments.Select(d => d.ContractAddress).SingleAsync());
        Assert.Equal(1, await AnchoredEventsAsync(contract, 1));
    }
}
