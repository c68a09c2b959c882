namespace Ballotline.Crypto.Ballots;

/// <summary>The candidate identifiers a voter selected in one contest.</summary>
public sealed record PlaintextContest(string ContestId, IReadOnlyList<string> Selected);
