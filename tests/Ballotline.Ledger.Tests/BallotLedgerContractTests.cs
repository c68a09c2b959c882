using System.Security.Cryptography;
using System.Text;
using Ballotline.Ledger.Chain;
using Ballotline.Ledger.Log;
using Ballotline.Testing;
using Nethereum.Contracts;

namespace Ballotline.Ledger.Tests;

/// <summary>The contract's rules, on a real node (Anvil) and on the embedded EVM: the same tests, the same results.</summary>
public abstract class BallotLedgerContractTests(IChainUnderTest anvil)
{
    private static byte[] Id(string name) => SHA256.HashData(Encoding.UTF8.GetBytes(name));

    private async Task<LedgerChain> DeployAsync()
    {
        var web3 = anvil.Web3For(AnvilNode.AuthorityKey);
        return new LedgerChain(web3, await LedgerChain.DeployAsync(web3));
    }

    [Fact]
    public async Task The_authority_opens_an_election_and_anchors_growing_trees_that_anyone_can_read()
    {
        var ledger = await DeployAsync();
        var election = Id("anchors");
        await ledger.OpenElectionAsync(election, Id("manifest"));
        var leaves = Enumerable.Range(0, 5).Select(i => MerkleTree.LeafHash([(byte)i])).ToList();
        Assert.Equal(1UL, (await ledger.AnchorAsync(election, 3, MerkleTree.Root(leaves, 3))).Status.Value);
        Assert.Equal(1UL, (await ledger.AnchorAsync(election, 5, MerkleTree.Root(leaves, 5))).Status.Value);

        var reader = new LedgerChain(anvil.ReadOnlyWeb3(), ledger.ContractAddress);
        var anchors = await reader.GetAnchorsAsync(election);
        Assert.Equal([3L, 5L], anchors.Select(a => a.TreeSize));
        Assert.Equal(MerkleTree.Root(leaves, 5), anchors[1].Root);
        var state = await reader.GetElectionAsync(election);
        Assert.Equal(5UL, state.TreeSize);
        Assert.True(state.Opened);
        Assert.False(state.Closed);
    }

    [Fact]
    public async Task Only_the_authority_may_write()
    {
        var ledger = await DeployAsync();
        var intruder = new LedgerChain(anvil.Web3For(AnvilNode.OtherKey), ledger.ContractAddress);
        var e = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => intruder.OpenElectionAsync(Id("intruder"), Id("m")));
        Assert.True(e.IsCustomErrorFor<NotAuthorityError>());
    }

    [Fact]
    public async Task The_tree_size_must_grow_and_a_closed_election_refuses_anchors()
    {
        var ledger = await DeployAsync();
        var election = Id("rules");
        var root = MerkleTree.LeafHash([1]);
        await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => ledger.AnchorAsync(election, 1, root)); // not opened
        await ledger.OpenElectionAsync(election, Id("m"));
        await ledger.AnchorAsync(election, 4, root);
        var shrink = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => ledger.AnchorAsync(election, 4, root));
        Assert.True(shrink.IsCustomErrorFor<TreeMustGrowError>());
        await ledger.CloseElectionAsync(election, 4, root, Id("result"));
        var closed = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => ledger.AnchorAsync(election, 5, root));
        Assert.True(closed.IsCustomErrorFor<ElectionIsClosedError>());
        Assert.True((await ledger.GetElectionAsync(election)).Closed);
    }

    [Fact]
    public async Task One_anchor_costs_under_thirty_thousand_gas_whatever_the_batch_size()
    {
        var ledger = await DeployAsync();
        var election = Id("gas");
        await ledger.OpenElectionAsync(election, Id("m"));
        var root = MerkleTree.LeafHash([7]);
        var first = (await ledger.AnchorAsync(election, 1, root)).GasUsed.Value;
        var perBallot = (await ledger.AnchorAsync(election, 2, root)).GasUsed.Value;
        var batchOf1000 = (await ledger.AnchorAsync(election, 1002, root)).GasUsed.Value;
        Assert.True(perBallot <= 30_000, $"per-ballot anchor used {perBallot} gas");
        Assert.InRange(batchOf1000, perBallot - 100, perBallot + 100); // only calldata bytes of the size differ
        Assert.True(first <= perBallot + 2_000, $"first anchor used {first} gas");
    }
}

public sealed class BallotLedgerOnAnvilTests(AnvilChain chain) : BallotLedgerContractTests(chain), IClassFixture<AnvilChain>;

public sealed class BallotLedgerOnEmbeddedChainTests(EmbeddedChainUnderTest chain) : BallotLedgerContractTests(chain), IClassFixture<EmbeddedChainUnderTest>;
