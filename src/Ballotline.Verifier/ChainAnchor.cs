namespace Ballotline.Verifier;

/// <summary>
/// A root the contract holds for an election, as read from its events: what no one can change later. A close
/// also carries its <paramref name="ResultHash"/> (from record v3, the close statement).
/// </summary>
public sealed record ChainAnchor(string Kind, long TreeSize, string Root, string TransactionHash, long BlockNumber, string? ResultHash = null);
