namespace Ballotline.Reporting;

/// <summary>
/// The figure catalogue: what each figure of the reports counts over and how, in the words of docs/reporting.md
/// (a test keeps the two identical). Every report ends with it, so a figure handed over on paper carries its
/// definition.
/// </summary>
public static class FigureDefinitions
{
    public static IReadOnlyList<FigureDefinition> All { get; } =
    [
        new("Participants",
            "the election's pilot group",
            "voters who completed registration (count)"),
        new("Vote completion",
            "registered voters",
            "online ballots ÷ registered (%)"),
        new("Transaction success",
            "every chain attempt the ballots depended on: the election's anchor and close transactions (not its opening transaction, which carries no ballot) and the anchoring passes",
            "final ÷ (ended transactions + re-sends + replacements + passes that could not reach the node) (%)"),
        new("Voter's view of the chain",
            "online ballots",
            "ballots final within 60 s of being cast ÷ online ballots (%)"),
        new("Transaction time",
            "final anchoring transactions",
            "mean and median of seconds from the oldest ballot covered being cast to the transaction being mined (s); the median of an even count is the mean of the two middle values"),
        new("Gas and cost per ballot",
            "final transactions, the close included",
            "gas (and fee in the chain's token) ÷ ballots they newly recorded"),
        new("Satisfaction",
            "feedback answers",
            "mean \"overall experience\" (1–5)"),
        new("Would trust",
            "feedback answers",
            "share answering yes (%)"),
        new("Would use again",
            "feedback answers",
            "share answering yes (%)"),
        new("Feedback response rate",
            "voters who cast online",
            "their feedback answers ÷ them (%, review target > 80%)"),
        new("Critical issues",
            "the election's issues log",
            "severity-1 entries, found (count; open ones block GO)"),
        new("Support resolution",
            "the election's tickets (web-form tickets join their voter's election)",
            "mean hours from opening to resolution, an open ticket counting with its age (h)"),
        new("Ticket rate",
            "participants",
            "tickets opened ÷ participants (%, warning above 10%)"),
        new("Uptime",
            "the time voting was really open — from its opening (by hand or by the scheduler; the schedule when there is no record of it) to its close, the scheduled close or now — in `Heartbeat:Seconds` slots; the slot now running is judged once it is over (its heartbeat is written at its first pass, twice per slot)",
            "slots with a heartbeat ÷ slots (%)"),
        new("Response time",
            "the last 2,000 API requests of this instance",
            "p50 and p95 (ms)"),
        new("Server error rate",
            "HTTP responses since start (dashboard) or in 5 min (alert)",
            "5xx ÷ all (%)"),
    ];

    /// <summary>The catalogue as a report appendix.</summary>
    public static string ToMarkdown()
    {
        var text = new System.Text.StringBuilder("Each figure of this report, what it counts over and how (docs/reporting.md, \"Figure catalogue\").\n\n| Figure | Counted over | Formula, unit |\n|---|---|---|\n");
        foreach (var figure in All)
        {
            text.Append("| ").Append(figure.Name).Append(" | ").Append(figure.Population).Append(" | ").Append(figure.Formula).Append(" |\n");
        }

        return text.ToString();
    }
}
