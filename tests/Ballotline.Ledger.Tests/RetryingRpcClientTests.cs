using Ballotline.Ledger.Chain;
using Ballotline.Ledger.Embedded;
using Ballotline.Ledger.Faults;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;

namespace Ballotline.Ledger.Tests;

/// <summary>The server's chain client retries what may pass, and only that, in front of a real (embedded) node.</summary>
public sealed class RetryingRpcClientTests(EmbeddedChainUnderTest node) : IClassFixture<EmbeddedChainUnderTest>
{
    private (Web3 Web3, List<string> Retries) Through(ChainFaults faults, int attempts)
    {
        var retries = new List<string>();
        var client = new RetryingRpcClient(new FaultyRpcClient(new EmbeddedRpcClient(new EmbeddedRpc(node.Chain)), faults), attempts, retries.Add, TimeSpan.FromMilliseconds(1));
        return (new Web3(client), retries);
    }

    [Fact]
    public async Task With_thirty_percent_of_calls_failing_every_call_succeeds_after_its_retries()
    {
        var faults = new ChainFaults(3) { ErrorRate = 0.3 };
        var (web3, retries) = Through(faults, 8);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(EmbeddedChain.DefaultChainId, (long)(await web3.Eth.ChainId.SendRequestAsync()).Value);
        }

        Assert.True(faults.InjectedFailures > 20, $"failures were injected ({faults.InjectedFailures})");
        Assert.Equal(faults.InjectedFailures, retries.Count);
    }

    [Fact]
    public async Task A_node_that_never_answers_fails_after_the_configured_attempts()
    {
        var faults = new ChainFaults();
        faults.BeginOutage(TimeSpan.FromMinutes(5));
        var (web3, retries) = Through(faults, 4);
        await Assert.ThrowsAsync<RpcClientUnknownException>(() => web3.Eth.Blocks.GetBlockNumber.SendRequestAsync());
        Assert.Equal(3, retries.Count);
        Assert.Equal(4, faults.InjectedFailures);
    }

    [Fact]
    public async Task An_answer_the_node_gave_on_purpose_is_not_retried()
    {
        var (web3, retries) = Through(new ChainFaults(), 5);
        await Assert.ThrowsAsync<RpcResponseException>(() => web3.Eth.Transactions.SendRawTransaction.SendRequestAsync("0x00"));
        Assert.Empty(retries);
    }
}
