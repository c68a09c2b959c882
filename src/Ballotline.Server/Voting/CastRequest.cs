namespace Ballotline.Server.Voting;

/// <summary>A voter's choices: for each contest id, the candidate ids selected.</summary>
public sealed record CastRequest(IReadOnlyDictionary<string, IReadOnlyList<string>> Selections);
