using System.Numerics;
using Nethereum.EVM.BlockchainState;

namespace Ballotline.Ledger.Embedded;

/// <summary>The embedded chain has no upstream node: every account starts empty (genesis balances are set explicitly).</summary>
internal sealed class EmptyNodeData : INodeDataService
{
    public Task<BigInteger> GetBalanceAsync(byte[] address) => Task.FromResult(BigInteger.Zero);

    public Task<BigInteger> GetBalanceAsync(string address) => Task.FromResult(BigInteger.Zero);

    public Task<byte[]> GetCodeAsync(byte[] address) => Task.FromResult(Array.Empty<byte>());

    public Task<byte[]> GetCodeAsync(string address) => Task.FromResult(Array.Empty<byte>());

    public Task<byte[]> GetBlockHashAsync(BigInteger blockNumber) => Task.FromResult(new byte[32]);

    public Task<byte[]> GetStorageAtAsync(byte[] address, BigInteger position) => Task.FromResult(new byte[32]);

    public Task<byte[]> GetStorageAtAsync(string address, BigInteger position) => Task.FromResult(new byte[32]);

    public Task<BigInteger> GetTransactionCount(byte[] address) => Task.FromResult(BigInteger.Zero);

    public Task<BigInteger> GetTransactionCount(string address) => Task.FromResult(BigInteger.Zero);
}
