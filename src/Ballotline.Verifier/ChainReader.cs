using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Ballotline.Verifier;

/// <summary>
/// Reads an election's anchors from the BallotLedger contract through any Ethereum JSON-RPC endpoint, by its
/// events alone (Anchored, ElectionClosed) — the verifier declares the two event signatures itself.
/// </summary>
public sealed class ChainReader(string rpcUrl)
{
    private readonly Web3 _web3 = new(rpcUrl);

    public async Task<long> ChainIdAsync() => (long)(await _web3.Eth.ChainId.SendRequestAsync()).Value;

    /// <summary>The runtime code at <paramref name="contract"/> (eth_getCode at the latest block); empty when there is none.</summary>
    public async Task<byte[]> CodeAsync(string contract)
    {
        var hex = await _web3.Eth.GetCode.SendRequestAsync(contract);
        return string.IsNullOrEmpty(hex) || hex == "0x" ? [] : Convert.FromHexString(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex);
    }

    public async Task<IReadOnlyList<ChainAnchor>> AnchorsAsync(string contract, byte[] electionId)
    {
        var anchored = _web3.Eth.GetEvent<AnchoredEvent>(contract);
        var closed = _web3.Eth.GetEvent<ElectionClosedEvent>(contract);
        var anchors = new List<ChainAnchor>();
        foreach (var e in await anchored.GetAllChangesAsync(anchored.CreateFilterInput([electionId], BlockParameter.CreateEarliest(), BlockParameter.CreateLatest())))
        {
            anchors.Add(new ChainAnchor("Anchor", (long)e.Event.TreeSize, Convert.ToHexStringLower(e.Event.Root), e.Log.TransactionHash, (long)e.Log.BlockNumber.Value));
        }

        foreach (var e in await closed.GetAllChangesAsync(closed.CreateFilterInput([electionId], BlockParameter.CreateEarliest(), BlockParameter.CreateLatest())))
        {
            anchors.Add(new ChainAnchor("Close", (long)e.Event.TreeSize, Convert.ToHexStringLower(e.Event.Root), e.Log.TransactionHash, (long)e.Log.BlockNumber.Value,
                Convert.ToHexStringLower(e.Event.ResultHash)));
        }

        return [.. anchors.OrderBy(a => a.BlockNumber).ThenBy(a => a.TreeSize)];
    }

    [Event("Anchored")]
    private sealed class AnchoredEvent : IEventDTO
    {
        [Parameter("bytes32", "electionId", 1, true)]
        public byte[] ElectionId { get; set; } = [];

        [Parameter("uint64", "treeSize", 2, false)]
        public ulong TreeSize { get; set; }

        [Parameter("bytes32", "root", 3, false)]
        public byte[] Root { get; set; } = [];
    }

    [Event("ElectionClosed")]
    private sealed class ElectionClosedEvent : IEventDTO
    {
        [Parameter("bytes32", "electionId", 1, true)]
        public byte[] ElectionId { get; set; } = [];

        [Parameter("uint64", "treeSize", 2, false)]
        public ulong TreeSize { get; set; }

        [Parameter("bytes32", "root", 3, false)]
        public byte[] Root { get; set; } = [];

        [Parameter("bytes32", "resultHash", 4, false)]
        public byte[] ResultHash { get; set; } = [];
    }
}
