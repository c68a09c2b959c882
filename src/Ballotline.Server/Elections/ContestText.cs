using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Elections;

/// <summary>
/// The administrator's plain-text form of a ballot: a line "# Title (choose 1)" or "# Title (choose 2-3)"
/// starts a contest, each following line is a candidate. Identifiers are derived from the names.
/// </summary>
public static partial class ContestText
{
    public static IReadOnlyList<ContestSpec> Parse(string? text)
    {
        var contests = new List<ContestSpec>();
        var errors = new List<string>();
        string? title = null;
        int min = 1, max = 1;
        var candidates = new List<string>();
        var lineNumber = 0;

        void Flush()
        {
            if (title is null)
            {
                return;
            }

            var usedIds = new HashSet<string>(StringComparer.Ordinal);
            var specs = candidates.Select(name => new CandidateSpec(UniqueId(name, usedIds), name)).ToArray();
            contests.Add(new ContestSpec(UniqueId(title, [.. contests.Select(c => c.Id)]), title, specs, min, max));
        }

        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                Flush();
                var m = HeaderRegex().Match(line);
                if (!m.Success)
                {
                    errors.Add($"Line {lineNumber}: write a contest as '# Title (choose 1)' or '# Title (choose 2-3)'.");
                    title = null;
                    continue;
                }

                title = m.Groups["title"].Value.Trim();
                min = int.Parse(m.Groups["min"].Value, CultureInfo.InvariantCulture);
                max = m.Groups["max"].Success ? int.Parse(m.Groups["max"].Value, CultureInfo.InvariantCulture) : min;
                candidates = [];
            }
            else if (title is null)
            {
                errors.Add($"Line {lineNumber}: '{line}' comes before any contest; start with '# Title (choose 1)'.");
            }
            else
            {
                candidates.Add(line);
            }
        }

        Flush();
        if (errors.Count > 0)
        {
            throw new DomainException("invalid-contests", "The ballot text has problems.", StatusCodes.Status400BadRequest, errors);
        }

        return contests;
    }

    public static string Format(IReadOnlyList<ContestSpec> contests)
    {
        ArgumentNullException.ThrowIfNull(contests);
        var text = new StringBuilder();
        foreach (var c in contests)
        {
            var choose = c.MinSelections == c.MaxSelections
                ? c.MaxSelections.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{c.MinSelections}-{c.MaxSelections}");
            text.Append(CultureInfo.InvariantCulture, $"# {c.Title} (choose {choose})\n");
            foreach (var candidate in c.Candidates)
            {
                text.Append(candidate.Name).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string UniqueId(string name, HashSet<string> used)
    {
        var baseId = NonIdRegex().Replace(name.ToLowerInvariant(), "-").Trim('-');
        baseId = baseId.Length == 0 ? "item" : baseId[..Math.Min(baseId.Length, 56)];
        var id = baseId;
        for (var i = 2; !used.Add(id); i++)
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{baseId}-{i}");
        }

        return id;
    }

    [GeneratedRegex(@"^#\s*(?<title>.+?)\s*\(\s*choose\s+(?<min>\d{1,2})(\s*-\s*(?<max>\d{1,2}))?\s*\)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderRegex();

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonIdRegex();
}
