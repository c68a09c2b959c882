namespace Ballotline.Crypto.Election;

/// <summary>
/// What people read on the ballot — the election's title, each contest's title and each candidate's name, in
/// the manifest's order — bound into the manifest hash (<see cref="ElectionManifest.Hash"/>), so that a record
/// whose names were swapped is a record of another election, not the same one relabelled.
/// </summary>
public sealed record ManifestLabels(string Title, IReadOnlyList<ContestLabels> Contests)
{
    /// <summary>The longest title or name (characters).</summary>
    public const int MaxLength = 200;
}

/// <summary>A contest's title and its candidates' names, in the manifest's candidate order.</summary>
public sealed record ContestLabels(string Title, IReadOnlyList<string> Candidates);
