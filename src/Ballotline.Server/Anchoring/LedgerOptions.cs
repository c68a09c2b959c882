using System.ComponentModel.DataAnnotations;

namespace Ballotline.Server.Anchoring;

/// <summary>
/// Section <c>Chain</c>. <c>Mode</c> Embedded (the default) anchors on an EVM inside the server whose blocks are
/// kept in the data directory; JsonRpc anchors through any Ethereum JSON-RPC node (Anvil, Hardhat, Polygon Amoy…);
/// None records no anchors. The authority's private key is read from the environment variable
/// named by <see cref="AuthorityKeyVariable"/> or from <see cref="AuthorityKeyFile"/> — never from settings
/// files, never logged, never stored in the database.
/// </summary>
public sealed class LedgerOptions
{
    public const string Section = "Chain";

    [EnumDataType(typeof(ChainMode), ErrorMessage = "Chain:Mode must be None, Embedded or JsonRpc.")]
    public ChainMode Mode { get; set; } = ChainMode.Embedded;

    public string? RpcUrl { get; set; }

    [Range(1, long.MaxValue)]
    public long ChainId { get; set; } = 31337;

    /// <summary>The deployed BallotLedger; when empty and <see cref="DeployIfMissing"/> is set, the server deploys one.</summary>
    public string? ContractAddress { get; set; }

    public bool DeployIfMissing { get; set; } = true;

    /// <summary>Explorer link for a transaction, with <c>{tx}</c> for its hash (e.g. https://amoy.polygonscan.com/tx/{tx}).</summary>
    public string? ExplorerTransactionUrl { get; set; }

    public string AuthorityKeyVariable { get; set; } = "BALLOTLINE_AUTHORITY_KEY";

    public string? AuthorityKeyFile { get; set; }

    /// <summary>Human name shown on pages, e.g. "Polygon Amoy testnet".</summary>
    public string Name { get; set; } = "Ethereum JSON-RPC chain";

    /// <summary>What pages call the chain: the embedded one always says it is local and not public.</summary>
    public string DisplayName => IsEmbedded ? "Ballotline's local development chain (not a public blockchain)" : Name;

    [Range(1, 1000)]
    public int Confirmations { get; set; } = 2;

    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 100;

    [Range(0.1, 86_400)]
    public double BatchSeconds { get; set; } = 30;

    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 2;

    /// <summary>A submitted transaction not mined after this long is replaced with a higher fee.</summary>
    [Range(1, 86_400)]
    public double ReplaceAfterSeconds { get; set; } = 120;

    /// <summary>How often final anchors are read back from the chain (also after every reconnect): a chain that lost them is found within this time.</summary>
    [Range(0.1, 86_400)]
    public double ReverifySeconds { get; set; } = 60;

    /// <summary>Attempts per chain call before a pass gives up (retried with exponential backoff and jitter).</summary>
    [Range(1, 20)]
    public int RpcAttempts { get; set; } = 5;

    [Range(0.000001, 1_000_000)]
    public double MaxFeePerGasGwei { get; set; } = 500;

    [Range(0, 1_000_000)]
    public double PriorityFeeGwei { get; set; } = 30;

    public bool Enabled => Mode != ChainMode.None;

    /// <summary>
    /// A copy with what the chain itself fixes: the embedded chain has its own chain id, and one block per
    /// transaction with no other miner, so a mined transaction is final at once (one confirmation).
    /// </summary>
    public LedgerOptions AsConnected()
    {
        var copy = (LedgerOptions)MemberwiseClone();
        if (IsEmbedded)
        {
            copy.ChainId = Ballotline.Ledger.Embedded.EmbeddedChain.DefaultChainId;
            copy.Confirmations = 1;
        }

        return copy;
    }

    public bool IsEmbedded => Mode == ChainMode.Embedded;
}
