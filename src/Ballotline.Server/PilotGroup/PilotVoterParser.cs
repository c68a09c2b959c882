using System.Net.Mail;

namespace Ballotline.Server.PilotGroup;

/// <summary>Validates one pilot-group row and returns its problems in words a spreadsheet user understands.</summary>
public static class PilotVoterParser
{
    public static readonly IReadOnlyDictionary<string, AgeBand> AgeBands = new Dictionary<string, AgeBand>(StringComparer.Ordinal)
    {
        ["18-29"] = AgeBand.From18To29,
        ["30-44"] = AgeBand.From30To44,
        ["45-59"] = AgeBand.From45To59,
        ["60+"] = AgeBand.From60,
    };

    public static string Label(AgeBand band) => AgeBands.First(p => p.Value == band).Key;

    public static string Label(VoterGroup group) => group switch
    {
        VoterGroup.Technical => "technical",
        VoterGroup.Average => "average",
    };

    public static (PilotVoter? Voter, List<string> Problems) Parse(PilotVoterInput input, Guid electionId)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<string>();
        var name = input.Name?.Trim() ?? string.Empty;
        var email = input.Email?.Trim().ToLowerInvariant() ?? string.Empty;
        if (name.Length is 0 or > 200)
        {
            problems.Add("name is required (at most 200 characters)");
        }

        if (email.Length > 254 || !MailAddress.TryCreate(email, out var address) || !string.Equals(address.Address, email, StringComparison.Ordinal))
        {
            problems.Add($"email '{input.Email}' is not a valid address");
        }

        VoterGroup? group = (input.Group?.Trim().ToLowerInvariant()) switch
        {
            "technical" => VoterGroup.Technical,
            "average" => VoterGroup.Average,
            _ => null,
        };
        if (group is null)
        {
            problems.Add($"group '{input.Group}' must be 'technical' or 'average'");
        }

        if (!AgeBands.TryGetValue(input.AgeBand?.Trim() ?? string.Empty, out var band))
        {
            problems.Add($"age band '{input.AgeBand}' must be one of 18-29, 30-44, 45-59, 60+");
        }

        var location = input.Location?.Trim() ?? string.Empty;
        if (location.Length > 100)
        {
            problems.Add("location is longer than 100 characters");
        }

        var language = Languages.VoterLanguages.Normalize(input.Language);
        if (!string.IsNullOrWhiteSpace(input.Language) && (language is null || input.Language.Trim().Length > 8))
        {
            problems.Add($"language '{input.Language}' must be one of {string.Join(", ", Languages.VoterLanguages.Supported.Select(l => l.Code))} (or empty)");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new PilotVoter { ElectionId = electionId, Name = name, Email = email, Group = group!.Value, AgeBand = band, Location = location, Language = language }, problems);
    }
}
