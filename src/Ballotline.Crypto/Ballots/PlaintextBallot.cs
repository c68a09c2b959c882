namespace Ballotline.Crypto.Ballots;

/// <summary>A voter's choices, contest by contest. It never leaves the encrypting device.</summary>
public sealed record PlaintextBallot(IReadOnlyList<PlaintextContest> Contests)
{
    /// <summary>A ballot for one contest with the given selections chosen, for tools and tests.</summary>
    public static PlaintextBallot ForContest(string contestId, params string[] selected) => new([new PlaintextContest(contestId, selected)]);
}
