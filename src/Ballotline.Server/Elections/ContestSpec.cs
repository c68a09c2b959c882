namespace Ballotline.Server.Elections;

/// <summary>A contest as the administrator defines it: ids are stable identifiers, names are what voters read.</summary>
public sealed record ContestSpec(string Id, string Title, IReadOnlyList<CandidateSpec> Candidates, int MinSelections, int MaxSelections);
