namespace Ballotline.Server.Elections;

public sealed record CandidateSpec(string Id, string Name);
