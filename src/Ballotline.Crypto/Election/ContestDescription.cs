namespace Ballotline.Crypto.Election;

/// <summary>
/// One contest as the cryptography sees it: candidate identifiers in ballot order and how many of them a
/// voter may select (exactly k when <see cref="MinSelections"/> equals <see cref="MaxSelections"/>).
/// </summary>
public sealed record ContestDescription(string Id, IReadOnlyList<string> Candidates, int MinSelections, int MaxSelections)
{
    /// <summary>A contest where the voter picks exactly <paramref name="choose"/> of the candidates.</summary>
    public static ContestDescription ChooseExactly(string id, int choose, params string[] candidates) =>
        new(id, candidates, choose, choose);
}
