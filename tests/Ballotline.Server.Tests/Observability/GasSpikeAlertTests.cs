using System.Net.Http.Json;
using Ballotline.Server.Observability.Alerts;
using Ballotline.Server.Tests.Anchoring;
using Ballotline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Observability;

/// <summary>
/// The gas price spike alert through a real server: on a node that mines only on transactions, so the base fee
/// set for the next block stays the chain's latest until the anchorer reads it (on a node mining every second it
/// decays 12.5% a block and a slow machine read it too late).
/// </summary>
public sealed class GasSpikeAlertTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    private static bool Firing(BallotlineApp app, string name) => AlertEvaluatorTests.State(app, name).Firing;

    [Fact]
    public async Task A_gas_price_jumping_above_one_and_a_half_times_its_hourly_average_fires_the_gas_spike_alert()
    {
        await using var app = new BallotlineApp().WithChain(anvil.RpcUrl, await LedgerTestAccounts.FundedKeyAsync(anvil), recordingConfirmations: "1").With("Alerts:EvaluationSeconds", "3600");
        var (pilot, election, receipts) = await AnchoringTests.CastAsync(app, "alert-gas", 2, groupSize: 3);
        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, receipts[^1].TrackingCode)).Stage == "final", "the first ballots are final");
        var evaluator = app.Services.GetRequiredService<AlertEvaluator>();
        await evaluator.RunOnceAsync(CancellationToken.None);
        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.False(Firing(app, "BallotlineGasPriceSpike"));

        // The chain's base fee jumps to 50 gwei (Anvil sets the next block's), and the next anchor pays it.
        using var rpc = new HttpClient();
        var set = await rpc.PostAsJsonAsync(anvil.RpcUrl, new { jsonrpc = "2.0", id = 1, method = "anvil_setNextBlockBaseFeePerGas", @params = new[] { "0xba43b7400" } });
        set.EnsureSuccessStatusCode();
        // Mined now, so the latest block carries it; the node mines only on transactions, so it stays the latest until the anchor.
        (await rpc.PostAsJsonAsync(anvil.RpcUrl, new { jsonrpc = "2.0", id = 2, method = "evm_mine", @params = Array.Empty<object>() })).EnsureSuccessStatusCode();
        var before = app.Services.GetRequiredService<Server.Observability.PilotMetrics>().GasPriceGwei.Value;
        var invitations = await pilot.InviteAsync(election.Id);
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(await pilot.RegisterAsync(invitations.Single()), election.Id, "compass"));
        await Eventually.HoldsAsync(() => Task.FromResult(app.Services.GetRequiredService<Server.Observability.PilotMetrics>().GasPriceGwei.Value > 10 * Math.Max(before, 0.1)),
            "the anchorer has read the higher base fee");

        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.True(Firing(app, "BallotlineGasPriceSpike"), $"the gas price went from {before} to {app.Services.GetRequiredService<Server.Observability.PilotMetrics>().GasPriceGwei.Value} gwei");
    }
}
