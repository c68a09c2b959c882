using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Ballotline.Ledger.Chain;

/// <summary>
/// The BallotLedger contract on one chain, through Nethereum: any JSON-RPC node (Anvil, Hardhat, Polygon
/// Amoy) or the embedded chain. Writes are signed by the authority account the <see cref="IWeb3"/> carries.
/// </summary>
public sealed class LedgerChain(IWeb3 web3, string contractAddress)
{
    public IWeb3 Web3 { get; } = web3;

    public string ContractAddress { get; } = contractAddress;

    /// <summary>Deploys a new BallotLedger whose authority is the sending account; returns its address.</summary>
    public static async Task<string> DeployAsync(IWeb3 web3, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(web3);
        var receipt = await web3.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(
            BallotLedgerContract.Abi, BallotLedgerContract.Bytecode, web3.TransactionManager.Account.Address, new HexBigInteger(1_500_000), ct);
        return receipt.Status?.Value == 1 && receipt.ContractAddress is { } address
            ? address
            : throw new InvalidOperationException($"Deploying BallotLedger failed in transaction {receipt.TransactionHash}.");
    }

    public Task<TransactionReceipt> OpenElectionAsync(byte[] electionId, byte[] manifestHash, CancellationToken ct = default) =>
        Handler<OpenElectionFunction>().SendRequestAndWaitForReceiptAsync(ContractAddress, new OpenElectionFunction { ElectionId = electionId, ManifestHash = manifestHash }, ct);

    public Task<TransactionReceipt> AnchorAsync(byte[] electionId, long treeSize, byte[] root, CancellationToken ct = default) =>
        Handler<AnchorFunction>().SendRequestAndWaitForReceiptAsync(ContractAddress, Anchor(electionId, treeSize, root), ct);

    public Task<TransactionReceipt> CloseElectionAsync(byte[] electionId, long treeSize, byte[] root, byte[] resultHash, CancellationToken ct = default) =>
        Handler<CloseElectionFunction>().SendRequestAndWaitForReceiptAsync(ContractAddress,
            new CloseElectionFunction { ElectionId = electionId, TreeSize = checked((ulong)treeSize), Root = root, ResultHash = resultHash }, ct);

    public static AnchorFunction Anchor(byte[] electionId, long treeSize, byte[] root) =>
        new() { ElectionId = electionId, TreeSize = checked((ulong)treeSize), Root = root };

    public Task<ElectionStateOutput> GetElectionAsync(byte[] electionId) =>
        Web3.Eth.GetContractQueryHandler<ElectionsFunction>().QueryDeserializingToObjectAsync<ElectionStateOutput>(
            new ElectionsFunction { ElectionId = electionId }, ContractAddress, BlockParameter.CreateLatest());

    public Task<byte[]> GetFinalRootAsync(byte[] electionId) =>
        Web3.Eth.GetContractQueryHandler<FinalRootFunction>().QueryAsync<byte[]>(ContractAddress, new FinalRootFunction { ElectionId = electionId });

    /// <summary>Every anchor of an election, oldest first, read from the contract's events.</summary>
    public async Task<IReadOnlyList<ChainAnchor>> GetAnchorsAsync(byte[] electionId)
    {
        var anchored = Web3.Eth.GetEvent<AnchoredEvent>(ContractAddress);
        var filter = anchored.CreateFilterInput([electionId], BlockParameter.CreateEarliest(), BlockParameter.CreateLatest());
        var logs = await anchored.GetAllChangesAsync(filter);
        return [.. logs.Select(l => new ChainAnchor((long)l.Event.TreeSize, l.Event.Root, l.Log.TransactionHash, l.Log.BlockNumber.Value))
            .OrderBy(a => a.TreeSize)];
    }

    public async Task<BigInteger> BlockNumberAsync() => (await Web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

    private Nethereum.Contracts.ContractHandlers.IContractTransactionHandler<T> Handler<T>()
        where T : FunctionMessage, new() => Web3.Eth.GetContractTransactionHandler<T>();
}
