namespace Ballotline.Server.Anchoring;

/// <summary>The result of checking one ballot against the chain, step by step, in words a voter can follow.</summary>
public sealed record InclusionVerification(
    bool Verified,
    string Reason,
    long LogIndex,
    long? TreeSize,
    string? LeafHash,
    IReadOnlyList<string> Proof,
    string? ComputedRoot,
    string? ChainRoot,
    string? TransactionHash,
    long? BlockNumber,
    string? ChainName);
