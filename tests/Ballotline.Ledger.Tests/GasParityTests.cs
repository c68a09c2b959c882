using System.Security.Cryptography;
using System.Text;
using Ballotline.Ledger.Chain;
using Ballotline.Ledger.Log;
using Ballotline.Testing;

namespace Ballotline.Ledger.Tests;

/// <summary>The embedded EVM must charge exactly what a real node charges for the same calls.</summary>
public sealed class GasParityTests(AnvilChain anvil, EmbeddedChainUnderTest embedded) : IClassFixture<AnvilChain>, IClassFixture<EmbeddedChainUnderTest>
{
    private static async Task<List<long>> ScriptAsync(IChainUnderTest chain)
    {
        var web3 = chain.Web3For(AnvilNode.AuthorityKey);
        var deploy = await web3.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(BallotLedgerContract.Abi, BallotLedgerContract.Bytecode,
            web3.TransactionManager.Account.Address, new Nethereum.Hex.HexTypes.HexBigInteger(1_500_000));
        var ledger = new LedgerChain(web3, deploy.ContractAddress);
        var election = SHA256.HashData(Encoding.UTF8.GetBytes("parity"));
        var leaves = Enumerable.Range(0, 1500).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();
        var gas = new List<long> { (long)deploy.GasUsed.Value, (long)(await ledger.OpenElectionAsync(election, SHA256.HashData([1]))).GasUsed.Value };
        foreach (var size in new[] { 1, 2, 3, 100, 1100 })
        {
            gas.Add((long)(await ledger.AnchorAsync(election, size, MerkleTree.Root(leaves, size))).GasUsed.Value);
        }

        gas.Add((long)(await ledger.CloseElectionAsync(election, 1500, MerkleTree.Root(leaves, 1500), SHA256.HashData([2]))).GasUsed.Value);
        return gas;
    }

    [Fact]
    public async Task Deploy_open_anchors_and_close_cost_the_same_gas_on_the_embedded_chain_as_on_anvil()
    {
        var onAnvil = await ScriptAsync(anvil);
        var onEmbedded = await ScriptAsync(embedded);
        Assert.Equal(onAnvil, onEmbedded);
        Assert.All(onAnvil.Skip(2).Take(5), g => Assert.True(g <= 30_000, $"an anchor used {g} gas"));
    }
}
