namespace Ballotline.Server.PilotGroup;

/// <summary>The group's make-up against the pilot plan's targets. Warnings, never blocks.</summary>
public sealed record Composition(int Size, int Technical, int Average, IReadOnlyDictionary<AgeBand, int> AgeBands, IReadOnlyList<string> Warnings)
{
    public const int MinSize = 50;
    public const int MaxSize = 200;

    public double TechnicalShare => Size == 0 ? 0 : (double)Technical / Size;

    public static Composition Of(IReadOnlyCollection<PilotVoter> voters)
    {
        ArgumentNullException.ThrowIfNull(voters);
        var technical = voters.Count(v => v.Group == VoterGroup.Technical);
        var bands = Enum.GetValues<AgeBand>().ToDictionary(b => b, b => voters.Count(v => v.AgeBand == b));
        var warnings = new List<string>();
        if (voters.Count is < MinSize or > MaxSize)
        {
            warnings.Add($"The group has {voters.Count} people; the pilot plan asks for {MinSize}–{MaxSize}.");
        }

        var share = voters.Count == 0 ? 0 : (double)technical / voters.Count;
        if (voters.Count > 0 && Math.Abs(share - 0.40) > 0.05)
        {
            warnings.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{share * 100:F0}% of the group is technical; the plan asks for 40% technical and 60% average."));
        }

        var absent = bands.Where(b => b.Value == 0).Select(b => PilotVoterParser.Label(b.Key)).ToArray();
        if (absent.Length > 0)
        {
            warnings.Add($"No one in the age band(s) {string.Join(", ", absent)}; the plan asks for every age group (18–60+).");
        }

        return new Composition(voters.Count, technical, voters.Count - technical, bands, warnings);
    }
}
