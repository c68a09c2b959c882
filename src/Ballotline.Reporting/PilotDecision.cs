using System.Text;

namespace Ballotline.Reporting;

/// <summary>
/// The computed GO / NO-GO for the next phase. GO only when every success target is met and no critical issue is
/// open; otherwise the justification names each unmet target with what was measured, and the recommendations are
/// the pilot plan's mitigations for it.
/// </summary>
public sealed record PilotDecision(bool Go, IReadOnlyList<SuccessRow> Table, IReadOnlyList<string> Reasons, IReadOnlyList<string> Recommendations)
{
    public string Verdict => Go ? "GO" : "NO-GO";

    public static PilotDecision Decide(PilotOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var table = SuccessTable.Evaluate(outcome);
        var reasons = new List<string>();
        var recommendations = new List<string>();
        foreach (var row in table.Where(r => !r.Met))
        {
            reasons.Add($"{row.Metric}: target {row.Goal}, actual {row.Actual}.");
            foreach (var action in Mitigations.For(row.Target))
            {
                if (!recommendations.Contains(action, StringComparer.Ordinal))
                {
                    recommendations.Add(action);
                }
            }
        }

        // Counted above only when the count itself misses; an open critical issue is a blocker in its own right.
        if (outcome.OpenCriticalIssues > 0)
        {
            reasons.Add($"{outcome.OpenCriticalIssues} critical issue(s) still open: the next phase waits until they are resolved.");
            foreach (var action in Mitigations.For(SuccessTarget.CriticalIssues).Where(a => !recommendations.Contains(a, StringComparer.Ordinal)))
            {
                recommendations.Add(action);
            }
        }

        return new PilotDecision(reasons.Count == 0, table, reasons, recommendations);
    }

    /// <summary>The plan's "Go/No-Go for Phase 3" section: recommendation, justification, success table.</summary>
    public string ToMarkdown() => "## Go/No-Go for Phase 3\n\n" + BodyMarkdown();

    /// <summary>
    /// The section without its heading, for reports that place it under their own. A report that already shows the
    /// success table or the recommendations elsewhere names where (<paramref name="tableIn"/>,
    /// <paramref name="recommendationsIn"/>) instead of repeating them: each figure appears once.
    /// </summary>
    public string BodyMarkdown(string? tableIn = null, string? recommendationsIn = null)
    {
        var text = new StringBuilder();
        text.Append("Recommendation: **").Append(Verdict).Append("**\n\n");
        text.Append("Justification: ");
        if (Go)
        {
            text.Append("every success target was met and no critical issue is open.\n\n");
        }
        else
        {
            text.Append("the targets below were not met.\n\n");
            foreach (var reason in Reasons)
            {
                text.Append("- ").Append(reason).Append('\n');
            }

            text.Append('\n');
        }

        text.Append(tableIn is null ? SuccessTable.ToMarkdown(Table) : $"The success metrics table is in {tableIn}.\n");
        if (recommendationsIn is not null)
        {
            text.Append("\nThe recommendations are in ").Append(recommendationsIn).Append(".\n");
        }
        else if (Recommendations.Count > 0)
        {
            text.Append("\n### Recommendations (the pilot plan's mitigations)\n\n");
            for (var i = 0; i < Recommendations.Count; i++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1}. {Recommendations[i]}\n");
            }
        }

        return text.ToString();
    }
}
