using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Tests.Anchoring;
using Ballotline.Server.Voting;
using Ballotline.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nethereum.Signer;

namespace Ballotline.Server.Tests.Integrity;

/// <summary>
/// "Final" is a fact read from the chain: a node that comes back without its state takes every "final" back
/// (receipts return to "recorded, not yet on the chain"), fires the critical alert, anchors nothing more, and
/// waits for the operator's audited recovery, which re-anchors the whole log on a new contract. A node that
/// comes back with its state changes nothing.
/// </summary>
public sealed class ChainStateLossTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    private static BallotlineApp App(AnvilNode anvil, string key) =>
        new BallotlineApp().WithChain(anvil.RpcUrl, key, recordingConfirmations: "1").With("Chain:ReverifySeconds", "0.5");

    private static Task<string> StageAsync(BallotlineApp app, Receipt receipt) => AnchoringTests.StatusAsync(app, receipt.TrackingCode).ContinueWith(t => t.Result.Stage, TaskScheduler.Default);

    private static async Task<double> MetricAsync(BallotlineApp app, string series)
    {
        var line = (await app.CreateClient().GetStringAsync("/metrics")).Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<object> Fund(AnvilNode anvil, string key) => anvil.CallAsync<object>("anvil_setBalance", new EthECKey(key).GetPublicAddress(), "0x56BC75E2D63100000");

    [Fact]
    public async Task A_node_restarted_without_its_state_takes_final_back_fires_the_alert_and_the_operator_recovers_the_whole_log()
    {
        var key = await LedgerTestAccounts.FundedKeyAsync(anvil);
        await using var app = App(anvil, key);
        var (pilot, election, receipts) = await AnchoringTests.CastAsync(app, "state-loss", 3, groupSize: 5);
        await Eventually.HoldsAsync(async () => await StageAsync(app, receipts[^1]) == "final", "the ballots are final");
        Assert.Equal(0, await MetricAsync(app, "ballotline_chain_records_lost"));

        // Nothing to recover while the chain holds the records.
        var early = await pilot.Admin.PostAsJsonAsync("/api/ledger/recovery", new { reason = "just checking" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("nothing-to-recover", (await PilotDriver.ProblemAsync(early)).GetProperty("code").GetString());

        anvil.Kill();
        await anvil.RestartAsync(withState: false);
        await Fund(anvil, key);

        // Every receipt goes back to "recorded, not yet on the chain"; the alert's series and /healthz say why.
        await Eventually.HoldsAsync(async () => (await Task.WhenAll(receipts.Select(r => StageAsync(app, r)))).All(s => s == "accepted"), "no receipt says final any more");
        Assert.Equal(1, await MetricAsync(app, "ballotline_chain_records_lost"));
        var health = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("lost this server's records", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var lookup = (await app.CreateClient().GetFromJsonAsync<VotingApi.BallotLookup>($"/api/ballots/{receipts[0].TrackingCode}"))!;
        Assert.Contains("restore the chain record", lookup.Chain.Description, StringComparison.Ordinal);
        var verification = await AnchoringTests.VerifyAsync(app, receipts[0].TrackingCode);
        Assert.False(verification.Verified);
        var audit = await app.WithDbAsync(db => db.AuditLog.Where(a => a.ElectionId == election.Id && a.Action == "chain-records-lost").ToListAsync());
        Assert.Contains("no contract", Assert.Single(audit).Reason, StringComparison.Ordinal);

        // Nothing is sent to the empty node while the records are lost, even for new ballots.
        var late = await pilot.RegisterAsync((await pilot.InviteAsync(election.Id))[0]); // invitations are re-issued to those not yet registered
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(late, election.Id, "compass"));
        for (var pass = 0; pass < 2; pass++)
        {
            // Two anchoring passes run here, not waited for (the background loop may run as well).
            await app.WithServiceAsync(s => s.GetRequiredService<AnchorService>().RunOnceAsync(CancellationToken.None));
        }

        var authority = new EthECKey(key).GetPublicAddress();
        Assert.Equal(0, (long)(await anvil.Web3For(key).Eth.Transactions.GetTransactionCount.SendRequestAsync(authority)).Value);

        // The operator's audited recovery: a new contract, the whole log anchored again, every receipt final and verified.
        var recovery = await pilot.Admin.PostAsJsonAsync("/api/ledger/recovery", new { reason = "Anvil was restarted empty; node checked" });
        await PilotDriver.EnsureAsync(recovery);
        var recovered = await recovery.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("0x", recovered.GetProperty("contractAddress").GetString(), StringComparison.Ordinal);
        var deployments = await app.WithDbAsync(db => db.LedgerDeployments.OrderBy(d => d.Id).ToListAsync());
        Assert.Equal(2, deployments.Count);
        Assert.NotNull(deployments[0].RetiredAt);
        Assert.Null(deployments[1].RetiredAt);
        Assert.Contains("Anvil was restarted empty", deployments[1].RecoveryNote, StringComparison.Ordinal);
        var all = (await app.WithDbAsync(db => db.BallotBox.Where(b => b.ElectionId == election.Id).Select(b => b.TrackingCode).ToListAsync()));
        Assert.Equal(4, all.Count);
        foreach (var code in all)
        {
            await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, code)).Stage == "final", $"ballot {code[..8]} is final on the new contract");
            var check = await AnchoringTests.VerifyAsync(app, code);
            Assert.True(check.Verified, check.Reason);
        }

        Assert.Equal(0, await MetricAsync(app, "ballotline_chain_records_lost"));
        Assert.Single(await app.WithDbAsync(db => db.AuditLog.Where(a => a.ElectionId == election.Id && a.Action == "ledger-recovered").ToListAsync()));
        var anchors = await app.CreateClient().GetFromJsonAsync<List<LedgerApi.AnchorView>>("/api/elections/state-loss/anchors");
        Assert.Contains(anchors!, a => a.Status == "Lost");
        Assert.Contains(anchors!, a => a is { Kind: "Anchor", Status: "Final", TreeSize: 4 });
    }

    [Fact]
    public async Task A_node_restarted_with_its_state_keeps_every_final_anchor_and_anchoring_goes_on()
    {
        var key = await LedgerTestAccounts.FundedKeyAsync(anvil);
        await using var app = App(anvil, key);
        var (pilot, election, receipts) = await AnchoringTests.CastAsync(app, "state-kept", 2, groupSize: 3);
        await Eventually.HoldsAsync(async () => await StageAsync(app, receipts[^1]) == "final", "the ballots are final");

        await anvil.StopGracefullyAsync();
        await anvil.RestartAsync(withState: true);
        var third = await pilot.RegisterAsync(Assert.Single(await pilot.InviteAsync(election.Id)));
        var response = await PilotDriver.CastAsync(third, election.Id, "beacon");
        await PilotDriver.EnsureAsync(response);
        var receipt = (await response.Content.ReadFromJsonAsync<Receipt>())!;
        await Eventually.HoldsAsync(async () => await StageAsync(app, receipt) == "final", "the ballot cast after the restart is final");
        foreach (var r in receipts.Append(receipt))
        {
            var check = await AnchoringTests.VerifyAsync(app, r.TrackingCode);
            Assert.True(check.Verified, check.Reason);
        }

        Assert.False(await app.WithDbAsync(db => db.Anchors.AnyAsync(a => a.Status == AnchorStatus.Lost)));
        Assert.Equal(0, await MetricAsync(app, "ballotline_chain_records_lost"));
    }
}
