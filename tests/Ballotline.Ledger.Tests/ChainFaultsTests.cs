using System.Diagnostics;
using Ballotline.Ledger.Embedded;
using Ballotline.Ledger.Faults;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;

namespace Ballotline.Ledger.Tests;

/// <summary>The rehearsal's fault injection in front of a real (embedded) node.</summary>
public sealed class ChainFaultsTests(EmbeddedChainUnderTest node) : IClassFixture<EmbeddedChainUnderTest>
{
    private Web3 Through(ChainFaults faults) => new(new FaultyRpcClient(new EmbeddedRpcClient(new EmbeddedRpc(node.Chain)), faults));

    [Fact]
    public async Task During_an_outage_every_call_fails_as_unreachable_and_afterwards_the_node_answers_again()
    {
        var faults = new ChainFaults();
        var web3 = Through(faults);
        var before = await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync();

        faults.BeginOutage(TimeSpan.FromMinutes(5));
        Assert.True(faults.InOutage);
        var error = await Assert.ThrowsAsync<RpcClientUnknownException>(() => web3.Eth.Blocks.GetBlockNumber.SendRequestAsync());
        Assert.Contains("simulated chain outage", error.Message, StringComparison.Ordinal);

        faults.EndOutage();
        Assert.Equal(before.Value, (await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value);
        Assert.Equal(1, faults.InjectedFailures);
    }

    [Fact]
    public async Task An_error_rate_of_one_fails_every_call_with_an_rpc_error_and_zero_fails_none()
    {
        var faults = new ChainFaults { ErrorRate = 1 };
        var web3 = Through(faults);

        var error = await Assert.ThrowsAsync<RpcResponseException>(() => web3.Eth.ChainId.SendRequestAsync());
        Assert.Contains("simulated RPC error", error.Message, StringComparison.Ordinal);

        faults.ErrorRate = 0;
        Assert.Equal(EmbeddedChain.DefaultChainId, (long)(await web3.Eth.ChainId.SendRequestAsync()).Value);
    }

    [Fact]
    public void A_seeded_error_rate_fails_about_that_share_of_calls_and_the_same_calls_for_the_same_seed()
    {
        static List<bool> Run(int seed)
        {
            var faults = new ChainFaults(seed) { ErrorRate = 0.2 };
            return [.. Enumerable.Range(0, 2000).Select(_ => faults.Next().Kind == ChainFaultKind.Error)];
        }

        var first = Run(7);
        Assert.Equal(first, Run(7));
        Assert.InRange(first.Count(f => f), 300, 500); // 400 expected; ±5 standard deviations
    }

    [Fact]
    public async Task A_delay_holds_every_call_for_at_least_that_long()
    {
        var web3 = Through(new ChainFaults { Delay = TimeSpan.FromMilliseconds(150) });

        var clock = Stopwatch.StartNew();
        await web3.Eth.ChainId.SendRequestAsync();

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(140), $"took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void Impossible_rates_and_delays_are_refused()
    {
        var faults = new ChainFaults();
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.ErrorRate = 1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.ErrorRate = -0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.Delay = TimeSpan.FromSeconds(-1));
    }
}
