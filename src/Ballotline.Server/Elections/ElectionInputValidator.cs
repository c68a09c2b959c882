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

        if (!Enum.IsDefined(input.RecordingMode))
        {
            errors.Add($"Recording mode: one of {string.Join(", ", Enum.GetNames<Anchoring.RecordingMode>())}.");
        }

        if (input.SupportHours?.Length > MaxTitle)
        {
            errors.Add($"Support hours: at most {MaxTitle} characters.");
        }

        if (string.IsNullOrWhiteSpace(input.SupportEmail) || input.SupportEmail.Length > 254 || !MailAddress.TryCreate(input.SupportEmail, out _))
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
        if (contests is null || contests.Count == 0 || contests.Count > MaxContests)
        {
            errors.Add($"Contests: 1 to {MaxContests} contests are required.");
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < contests.Count; n++)
        {
            var contest = contests[n];
            if (contest is null)
            {
                errors.Add($"Contest {n + 1}: is empty (null); give its id, title, candidates and selections.");
                continue;
            }

            var label = $"Contest '{contest.Id}'";
            if (contest.Id is null || !IdRegex().IsMatch(contest.Id) || !ids.Add(contest.Id))
            {
                errors.Add($"{label}: the id must be unique, 1–64 letters, digits, '.', '_' or '-'.");
            }

            if (string.IsNullOrWhiteSpace(contest.Title) || contest.Title.Length > MaxTitle)
            {
                errors.Add($"{label}: a title is required, at most {MaxTitle} characters.");
            }

            var candidates = contest.Candidates ?? [];
            if (candidates.Count is < 1 or > 64)
            {
                errors.Add($"{label}: needs 1 to 64 candidates.");
            }

            var candidateIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var candidate in candidates)
            {
                if (candidate is null)
                {
                    errors.Add($"{label}: a candidate is empty (null); give its id and name.");
                    continue;
                }

                if (candidate.Id is null || !IdRegex().IsMatch(candidate.Id) || !candidateIds.Add(candidate.Id) || string.IsNullOrWhiteSpace(candidate.Name) || candidate.Name.Length > MaxTitle)
                {
                    errors.Add($"{label}: candidate '{candidate.Id}' needs a unique id (letters, digits, '.', '_', '-') and a name of at most {MaxTitle} characters.");
                }
            }

            if (contest.MinSelections < 0 || contest.MaxSelections < Math.Max(1, contest.MinSelections) || contest.MaxSelections > candidates.Count)
            {
                errors.Add($"{label}: selections must satisfy 0 ≤ min ≤ max, 1 ≤ max ≤ number of candidates.");
            }
        }
    }

    /// <summary>Longest title, candidate name or support-hours text: what a ballot page and a result table can show.</summary>
    public const int MaxTitle = 200;

    public const int MaxContests = 20;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugRegex();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
