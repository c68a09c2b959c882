using System.Text.RegularExpressions;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Election;

/// <summary>
/// The public description of what is being voted on. Its hash is bound into every proof, so a ballot or
/// proof made for one manifest is rejected under any other.
/// </summary>
public sealed partial record ElectionManifest(string ElectionId, IReadOnlyList<ContestDescription> Contests)
{
    /// <summary>Identifiers are restricted so that they can be embedded in proof subjects without ambiguity.</summary>
    public const string IdentifierPattern = "^[A-Za-z0-9_.-]{1,64}$";

    /// <summary>
    /// Titles and names, bound into the hash when present (manifests since record v3); absent in older manifests,
    /// whose hash (and every context, proof and test vector built on it) is unchanged.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ManifestLabels? Labels { get; init; }

    /// <summary>Throws <see cref="CryptoFormatException"/> naming the first rule the manifest breaks.</summary>
    public void Validate()
    {
        CheckId(ElectionId, "election id");
        if (Contests is null || Contests.Count == 0)
        {
            throw new CryptoFormatException("manifest.contests", "A manifest needs at least one contest.");
        }

        var contestIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var contest in Contests)
        {
            CheckId(contest.Id, "contest id");
            if (!contestIds.Add(contest.Id))
            {
                throw new CryptoFormatException("manifest.contest-duplicate", $"Contest '{contest.Id}' appears twice.");
            }

            if (contest.Candidates is null || contest.Candidates.Count == 0)
            {
                throw new CryptoFormatException("manifest.candidates", $"Contest '{contest.Id}' has no candidates.");
            }

            if (contest.Candidates.Count > RangeProof.MaxBranches)
            {
                throw new CryptoFormatException("manifest.candidates", $"Contest '{contest.Id}' has more than {RangeProof.MaxBranches} candidates.");
            }

            var candidateIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var candidate in contest.Candidates)
            {
                CheckId(candidate, "candidate id");
                if (!candidateIds.Add(candidate))
                {
                    throw new CryptoFormatException("manifest.candidate-duplicate", $"Candidate '{candidate}' appears twice in contest '{contest.Id}'.");
                }
            }

            if (contest.MinSelections < 0 || contest.MaxSelections < contest.MinSelections || contest.MaxSelections > contest.Candidates.Count || contest.MaxSelections == 0)
            {
                throw new CryptoFormatException("manifest.limits", $"Contest '{contest.Id}' allows {contest.MinSelections} to {contest.MaxSelections} selections of {contest.Candidates.Count} candidates; that is not a valid limit.");
            }
        }

        ValidateLabels();
    }

    private void ValidateLabels()
    {
        if (Labels is null)
        {
            return;
        }

        CheckLabel(Labels.Title, "the election's title");
        if (Labels.Contests is null || Labels.Contests.Count != Contests.Count)
        {
            throw new CryptoFormatException("manifest.labels", $"The labels name {Labels.Contests?.Count ?? 0} contests; the manifest has {Contests.Count}.");
        }

        for (var i = 0; i < Contests.Count; i++)
        {
            var labels = Labels.Contests[i];
            CheckLabel(labels?.Title, $"contest '{Contests[i].Id}''s title");
            if (labels!.Candidates is null || labels.Candidates.Count != Contests[i].Candidates.Count)
            {
                throw new CryptoFormatException("manifest.labels", $"The labels of contest '{Contests[i].Id}' name {labels.Candidates?.Count ?? 0} candidates; it has {Contests[i].Candidates.Count}.");
            }

            for (var j = 0; j < labels.Candidates.Count; j++)
            {
                CheckLabel(labels.Candidates[j], $"candidate '{Contests[i].Candidates[j]}''s name");
            }
        }
    }

    private static void CheckLabel(string? label, string what)
    {
        if (string.IsNullOrWhiteSpace(label) || label.Length > ManifestLabels.MaxLength)
        {
            throw new CryptoFormatException("manifest.label", $"{char.ToUpperInvariant(what[0])}{what[1..]} must be 1–{ManifestLabels.MaxLength} characters.");
        }
    }

    /// <summary>
    /// SHA-256 over the manifest's canonical encoding: <c>ballotline/v1/manifest</c> without labels; with labels,
    /// <c>ballotline/v2/manifest</c>, which adds the election's title after its id, each contest's title after the
    /// contest's id and each candidate's name after the candidate's id (docs/cryptography.md).
    /// </summary>
    public byte[] Hash()
    {
        Validate();
        if (Labels is { } labels)
        {
            var labelled = new Transcript("ballotline/v2/manifest").Text(ElectionId).Text(labels.Title).Number(Contests.Count);
            for (var i = 0; i < Contests.Count; i++)
            {
                var contest = Contests[i];
                labelled.Text(contest.Id).Text(labels.Contests[i].Title).Number(contest.MinSelections).Number(contest.MaxSelections).Number(contest.Candidates.Count);
                for (var j = 0; j < contest.Candidates.Count; j++)
                {
                    labelled.Text(contest.Candidates[j]).Text(labels.Contests[i].Candidates[j]);
                }
            }

            return labelled.Digest();
        }

        var transcript = new Transcript("ballotline/v1/manifest").Text(ElectionId).Number(Contests.Count);
        foreach (var contest in Contests)
        {
            transcript.Text(contest.Id).Number(contest.MinSelections).Number(contest.MaxSelections).Number(contest.Candidates.Count);
            foreach (var candidate in contest.Candidates)
            {
                transcript.Text(candidate);
            }
        }

        return transcript.Digest();
    }

    /// <summary>The contest with this id, or null.</summary>
    public ContestDescription? FindContest(string id) => Contests.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));

    private static void CheckId(string? id, string what)
    {
        if (id is null || !IdentifierRegex().IsMatch(id))
        {
            throw new CryptoFormatException("manifest.identifier", $"The {what} '{id}' must be 1–64 letters, digits, '.', '_' or '-'.");
        }
    }

    [GeneratedRegex(IdentifierPattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierRegex();
}
