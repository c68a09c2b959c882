using Ballotline.Reporting;
using BenchmarkDotNet.Attributes;

namespace Ballotline.Benchmarks;

/// <summary>
/// The report's pure part for 200 (a pilot) and 100,000 (a full election) feedback answers: feedback analysis
/// with free-text themes, the success table and decision, and the Markdown. Answers are synthetic from a fixed
/// seed, with free text drawn from a pilot-like vocabulary so themes have real work to do.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReportBenchmarks
{
    private static readonly string[] Words =
    [
        "voting", "was", "quick", "and", "easy", "the", "tracking", "code", "confused", "me", "bigger", "text", "please",
        "verification", "on", "chain", "took", "long", "phone", "page", "froze", "once", "clear", "instructions", "wallet",
        "receipt", "button", "slow", "registration", "link", "email", "arrived", "late", "great", "experience", "trust",
    ];

    private FeedbackAnswer[] _answers = [];

    [Params(200, 100_000)]
    public int Voters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261125);
        string Text() => random.Next(4) == 0 ? string.Empty : string.Join(' ', Enumerable.Range(0, random.Next(3, 16)).Select(_ => Words[random.Next(Words.Length)]));
        string[] bands = ["18-29", "30-44", "45-59", "60+"];
        _answers = [.. Enumerable.Range(0, Voters).Select(i => new FeedbackAnswer(
            i % 5 < 2 ? "technical" : "average", bands[i % 4], random.Next(1, 6), random.Next(1, 6), random.Next(1, 6), random.Next(1, 6),
            random.Next(10) < 8, random.Next(10) < 7, Text(), Text(), Text(), Text()))];
    }

    [Benchmark]
    public int AnalyzeDecideAndRender()
    {
        var analysis = FeedbackAnalysis.Analyze(_answers);
        var outcome = new PilotOutcome(Measure.Of(Voters), Measure.Ratio(Voters * 9 / 10, Voters, "none"), Measure.Of(0.99),
            Measure.Of(analysis.Ratings[0].Mean), analysis.WouldTrust, 0, 0, Measure.Of(1.2));
        return analysis.ToMarkdown().Length + PilotDecision.Decide(outcome).ToMarkdown().Length;
    }
}
