namespace Ballotline.Server.Anchoring;

/// <summary>Where a ballot stands on the chain: accepted → submitted → confirmed k/N → final.</summary>
public sealed record BallotChainStatus(
    string Stage,
    string Description,
    string? TransactionHash,
    string? ExplorerUrl,
    long? BlockNumber,
    int Confirmations,
    int ConfirmationsRequired,
    long? AnchoredTreeSize,
    string? EstimatedTime);
