namespace Ballotline.Server.Anchoring;

/// <summary>
/// One transaction to the ledger contract and everything measured about it. The signed raw transaction is
/// stored before it is broadcast, so a restart re-sends the same transaction (same hash) instead of a new one.
/// </summary>
public sealed class AnchorRecord
{
    public long Id { get; set; }

    public Guid ElectionId { get; set; }

    public AnchorKind Kind { get; set; }

    public AnchorStatus Status { get; set; }

    /// <summary>The contract the transaction was sent to (the deployment active when it was signed).</summary>
    public string ContractAddress { get; set; } = string.Empty;

    /// <summary>Ballots covered: leaves [0, TreeSize).</summary>
    public long TreeSize { get; set; }

    /// <summary>Merkle root, 64 hex digits.</summary>
    public required string Root { get; set; }

    public long Nonce { get; set; }

    public required string TransactionHash { get; set; }

    /// <summary>Earlier hashes of the same nonce, replaced with a higher fee (comma-separated).</summary>
    public string ReplacedHashes { get; set; } = string.Empty;

    public required string RawTransaction { get; set; }

    public string MaxFeePerGasWei { get; set; } = "0";

    public string PriorityFeePerGasWei { get; set; } = "0";

    public long? BlockNumber { get; set; }

    public string? BlockHash { get; set; }

    public long? GasUsed { get; set; }

    public string? EffectiveGasPriceWei { get; set; }

    public string? FeeWei { get; set; }

    public int Confirmations { get; set; }

    public int Attempts { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? MinedAt { get; set; }

    public DateTimeOffset? FinalAt { get; set; }

    /// <summary>Seconds from the oldest ballot this anchor first covers being cast to the anchor being mined.</summary>
    public double? CastToConfirmSeconds { get; set; }
}
