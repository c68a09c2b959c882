namespace Ballotline.Crypto.Tally;

/// <summary>A candidate in a contest: one position of the encrypted tally.</summary>
public sealed record TallyPosition(string ContestId, string CandidateId);
