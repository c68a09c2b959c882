using System.Net.Mail;
using System.Text.RegularExpressions;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Elections;

/// <summary>Checks an <see cref="ElectionInput"/> and reports every problem at once.</summary>
public static partial class ElectionInputValidator
{
    public static void Validate(ElectionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();
        if (input.Slug is null || !SlugRegex().IsMatch(input.Slug))
        {
            errors.Add("Short name: 2–64 lower-case letters, digits or '-', starting with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 200)
        {
            errors.Add("Title: required, at most 200 characters.");
        }

        if (input.Description?.Length > 4000)
        {
            errors.Add("Description: at most 4,000 characters.");
        }

        ValidateContests(input.Contests, errors);
        if (input.RegistrationClosesAt <= input.RegistrationOpensAt)
        {
            errors.Add("Schedule: registration must close after it opens.");
        }

        if (input.VotingClosesAt <= input.VotingOpensAt)
        {
            errors.Add("Schedule: voting must close after it opens.");
        }

        if (input.VotingOpensAt < input.RegistrationOpensAt)
        {
            errors.Add("Schedule: voting cannot open before registration opens.");
        }

        if (input.FeedbackDeadline < input.VotingClosesAt)
        {
            errors.Add("Schedule: the feedback deadline cannot be before voting closes.");
        }

        if (string.IsNullOrWhiteSpace(input.SupportEmail) || !MailAddress.TryCreate(input.SupportEmail, out _))
        {
            errors.Add("Support email: a valid address is required; voters are told to write to it.");
        }

        if (errors.Count > 0)
        {
            throw new DomainException("invalid-election", "The election has " + errors.Count + " problem(s): " + string.Join(" ", errors), StatusCodes.Status400BadRequest, errors);
        }
    }

    private static void ValidateContests(IReadOnlyList<ContestSpec>? contests, List<string> errors)
    {
        if (contests is null || contests.Count == 0)
        {
            errors.Add("Contests: at least one contest is required.");
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var contest in contests)
        {
            var label = $"Contest '{contest.Id}'";
            if (contest.Id is null || !IdRegex().IsMatch(contest.Id) || !ids.Add(contest.Id))
            {
                errors.Add($"{label}: the id must be unique, 1–64 letters, digits, '.', '_' or '-'.");
            }

            if (string.IsNullOrWhiteSpace(contest.Title))
            {
                errors.Add($"{label}: a title is required.");
            }

            var candidates = contest.Candidates ?? [];
            if (candidates.Count is < 1 or > 64)
            {
                errors.Add($"{label}: needs 1 to 64 candidates.");
            }

            var candidateIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var candidate in candidates)
            {
                if (candidate.Id is null || !IdRegex().IsMatch(candidate.Id) || !candidateIds.Add(candidate.Id) || string.IsNullOrWhiteSpace(candidate.Name))
                {
                    errors.Add($"{label}: candidate '{candidate.Id}' needs a unique id (letters, digits, '.', '_', '-') and a name.");
                }
            }

            if (contest.MinSelections < 0 || contest.MaxSelections < Math.Max(1, contest.MinSelections) || contest.MaxSelections > candidates.Count)
            {
                errors.Add($"{label}: selections must satisfy 0 ≤ min ≤ max, 1 ≤ max ≤ number of candidates.");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugRegex();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
