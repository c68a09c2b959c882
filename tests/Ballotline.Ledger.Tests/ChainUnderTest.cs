using Ballotline.Ledger.Embedded;
using Ballotline.Testing;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Ballotline.Ledger.Tests;

/// <summary>A chain the contract tests run against: Anvil (a real node) or the embedded EVM.</summary>
public interface IChainUnderTest
{
    Web3 Web3For(string privateKey);

    Web3 ReadOnlyWeb3();
}

public sealed class AnvilChain : AnvilNode, IChainUnderTest
{
    public Web3 ReadOnlyWeb3() => new(RpcUrl);
}

/// <summary>The embedded chain in a temporary directory, with Anvil's two test accounts funded at genesis.</summary>
public sealed class EmbeddedChainUnderTest : IChainUnderTest, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ballotline-embedded", Guid.NewGuid().ToString("N"));

    public EmbeddedChain Chain { get; private set; } = null!;

    public Web3 Web3For(string privateKey) => new(new Account(privateKey, EmbeddedChain.DefaultChainId), new EmbeddedRpcClient(new EmbeddedRpc(Chain)));

    public Web3 ReadOnlyWeb3() => new(new EmbeddedRpcClient(new EmbeddedRpc(Chain)));

    public async ValueTask InitializeAsync() => Chain = await EmbeddedChain.OpenAsync(_directory,
        [new Account(AnvilNode.AuthorityKey).Address, new Account(AnvilNode.OtherKey).Address]);

    public ValueTask DisposeAsync()
    {
        Chain.Dispose();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
