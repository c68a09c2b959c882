namespace Ballotline.Server.Operations;

/// <summary>The pilot plan's lessons-learned template for one election, exported with the report.</summary>
public sealed class LessonsLearned
{
    public Guid ElectionId { get; set; }

    public string WentWell { get; set; } = string.Empty;

    public string DidNotGoWell { get; set; } = string.Empty;

    public string Surprises { get; set; } = string.Empty;

    public string DoDifferently { get; set; } = string.Empty;

    public string KeyTakeaways { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public bool IsEmpty => string.IsNullOrWhiteSpace(WentWell + DidNotGoWell + Surprises + DoDifferently + KeyTakeaways);

    public string ToMarkdown(string electionTitle) =>
        $"# Lessons learned: {electionTitle}\n\n## What went well\n{WentWell}\n\n## What didn't go well\n{DidNotGoWell}\n\n## Surprises\n{Surprises}\n\n"
        + $"## What we'd do differently\n{DoDifferently}\n\n## Key takeaways\n{KeyTakeaways}\n";
}
