namespace Ballotline.Server.Results;

/// <summary>The published result: counts per candidate, turnout, and the cryptographic tally (JSON) that proves them.</summary>
public sealed record ElectionResult(
    long Ballots,
    int PilotGroupSize,
    int Registered,
    IReadOnlyList<ContestResult> Contests,
    string TallyJson);

public sealed record ContestResult(string Id, string Title, IReadOnlyList<CandidateResult> Candidates);

public sealed record CandidateResult(string Id, string Name, long Votes);
