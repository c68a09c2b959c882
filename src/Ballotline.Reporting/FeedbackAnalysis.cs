using System.Globalization;
using System.Text;

namespace Ballotline.Reporting;

/// <summary>
/// The plan's feedback analysis: each rating's mean, median and distribution, the trust and would-use-again
/// shares, breakdowns by voter group and age band, and the themes of each free-text question.
/// </summary>
public sealed record FeedbackAnalysis(
    int Responses,
    IReadOnlyList<RatingSummary> Ratings,
    Measure WouldTrust,
    Measure WouldUseAgain,
    IReadOnlyList<Breakdown> ByGroup,
    IReadOnlyList<Breakdown> ByAgeBand,
    IReadOnlyList<(string Question, IReadOnlyList<Theme> Themes)> Themes)
{
    public const int ThemesPerQuestion = 5;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static FeedbackAnalysis Analyze(IReadOnlyList<FeedbackAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        foreach (var answer in answers)
        {
            foreach (var rating in new[] { answer.Overall, answer.RegistrationEase, answer.VotingEase, answer.VerificationClarity })
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(rating, 1);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, 5);
            }
        }

        IReadOnlyList<RatingSummary> ratings = answers.Count == 0 ? [] :
        [
            Summarise("Overall experience", answers.Select(a => a.Overall)),
            Summarise("Ease of registration", answers.Select(a => a.RegistrationEase)),
            Summarise("Ease of voting", answers.Select(a => a.VotingEase)),
            Summarise("Blockchain verification clarity", answers.Select(a => a.VerificationClarity)),
        ];
        return new FeedbackAnalysis(
            answers.Count,
            ratings,
            Measure.Ratio(answers.Count(a => a.WouldTrust), answers.Count, "no feedback was given"),
            Measure.Ratio(answers.Count(a => a.WouldUseAgain), answers.Count, "no feedback was given"),
            BreakDown(answers, a => a.Group),
            BreakDown(answers, a => a.AgeBand),
            [
                ("What worked well", ThemeFinder.Find(answers.Select(a => a.WhatWorked), ThemesPerQuestion)),
                ("What was confusing", ThemeFinder.Find(answers.Select(a => a.WhatConfused), ThemesPerQuestion)),
                ("Suggestions", ThemeFinder.Find(answers.Select(a => a.Suggestions), ThemesPerQuestion)),
                ("Technical issues", ThemeFinder.Find(answers.Select(a => a.TechnicalIssues), ThemesPerQuestion)),
            ]);
    }

    public string ToMarkdown() => "## User Feedback Analysis\n\n" + BodyMarkdown();

    /// <summary>The analysis without its heading, for reports that place it under their own.</summary>
    public string BodyMarkdown()
    {
        var text = new StringBuilder();
        text.Append(Invariant, $"{Responses} responses.\n\n");
        if (Responses == 0)
        {
            return text.Append("No figure can be computed: no feedback was given.\n").ToString();
        }

        text.Append("| Question | Mean | Median | 1 | 2 | 3 | 4 | 5 |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var r in Ratings)
        {
            text.Append(Invariant, $"| {r.Question} | {r.Mean:0.00} | {r.Median:0.0} | {string.Join(" | ", r.Distribution)} |\n");
        }

        text.Append(Invariant, $"\n- Would trust this for real elections: {SuccessTable.Percent(WouldTrust.Value!.Value)}\n");
        text.Append(Invariant, $"- Would use it again: {SuccessTable.Percent(WouldUseAgain.Value!.Value)}\n");
        foreach (var (title, rows) in new[] { ("By voter group", ByGroup), ("By age band", ByAgeBand) })
        {
            text.Append(Invariant, $"\n### {title}\n\n| Part | Responses | Overall | Would trust | Would use again |\n|---|---|---|---|---|\n");
            foreach (var b in rows)
            {
                text.Append(Invariant, $"| {b.Key} | {b.Responses} | {b.MeanOverall:0.00} | {SuccessTable.Percent(b.WouldTrustShare)} | {SuccessTable.Percent(b.WouldUseAgainShare)} |\n");
            }
        }

        foreach (var (question, themes) in Themes)
        {
            text.Append(Invariant, $"\n### Themes: {question}\n\n");
            if (themes.Count == 0)
            {
                text.Append("No word or phrase appears in more than one answer.\n");
                continue;
            }

            foreach (var theme in themes)
            {
                text.Append(Invariant, $"- **{MarkdownText.Escape(theme.Phrase)}** ({theme.Answers} answers): “{MarkdownText.Escape(theme.Quote)}”\n");
            }
        }

        return text.ToString();
    }

    private static RatingSummary Summarise(string question, IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        var distribution = Enumerable.Range(1, 5).Select(star => sorted.Count(v => v == star)).ToList();
        return new RatingSummary(question, sorted.Count, sorted.Average(), median, distribution);
    }

    private static List<Breakdown> BreakDown(IReadOnlyList<FeedbackAnswer> answers, Func<FeedbackAnswer, string> key) =>
        [.. answers.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Breakdown(g.Key, g.Count(), g.Average(a => a.Overall), (double)g.Count(a => a.WouldTrust) / g.Count(), (double)g.Count(a => a.WouldUseAgain) / g.Count()))];
}
