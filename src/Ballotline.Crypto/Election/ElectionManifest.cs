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
    }

    /// <summary>SHA-256 over the manifest's canonical encoding.</summary>
    public byte[] Hash()
    {
        Validate();
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
