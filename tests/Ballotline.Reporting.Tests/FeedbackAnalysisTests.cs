namespace Ballotline.Reporting.Tests;

/// <summary>The feedback analysis against a hand-computed set of four answers.</summary>
public sealed class FeedbackAnalysisTests
{
    private static readonly FeedbackAnswer[] Four =
    [
        new("technical", "18-29", 5, 4, 5, 3, true, true, "Voting was quick and easy", "The tracking code", "", ""),
        new("average", "60+", 3, 2, 4, 2, false, true, "Quick voting on my phone", "What is a tracking code? Where do I check it?", "Bigger text", "Page froze once"),
        new("average", "60+", 4, 3, 4, 1, true, false, "easy", "tracking code and the blockchain words", "bigger text please", ""),
        new("technical", "30-44", 4, 5, 5, 5, true, true, "Fast. Verification on chain was easy", "", "Dark mode", "none"),
    ];

    [Fact]
    public void Each_rating_has_its_mean_median_and_distribution()
    {
        var analysis = FeedbackAnalysis.Analyze(Four);

        Assert.Equal(4, analysis.Responses);
        Assert.Equal(["Overall experience", "Ease of registration", "Ease of voting", "Blockchain verification clarity"], analysis.Ratings.Select(r => r.Question));
        Assert.Equal([4.0, 3.5, 4.5, 2.75], analysis.Ratings.Select(r => r.Mean));
        Assert.Equal([4.0, 3.5, 4.5, 2.5], analysis.Ratings.Select(r => r.Median));
        Assert.Equal([0, 0, 1, 2, 1], analysis.Ratings[0].Distribution);
        Assert.Equal([1, 1, 1, 0, 1], analysis.Ratings[3].Distribution);
        Assert.Equal(0.75, analysis.WouldTrust.Value);
        Assert.Equal(0.75, analysis.WouldUseAgain.Value);
    }

    [Fact]
    public void Breakdowns_by_group_and_age_band_are_ordered_and_computed_per_part()
    {
        var analysis = FeedbackAnalysis.Analyze(Four);

        Assert.Equal([new Breakdown("average", 2, 3.5, 0.5, 0.5), new Breakdown("technical", 2, 4.5, 1, 1)], analysis.ByGroup);
        Assert.Equal(["18-29", "30-44", "60+"], analysis.ByAgeBand.Select(b => b.Key));
        Assert.Equal(new Breakdown("60+", 2, 3.5, 0.5, 0.5), analysis.ByAgeBand[2]);
    }

    [Fact]
    public void Themes_are_words_and_phrases_shared_by_answers_without_stop_words_each_with_the_shortest_quote()
    {
        var themes = FeedbackAnalysis.Analyze(Four).Themes.ToDictionary(t => t.Question, t => t.Themes);

        Assert.Equal([new Theme("easy", 3, "easy"), new Theme("quick", 2, "Quick voting on my phone"), new Theme("voting", 2, "Quick voting on my phone")], themes["What worked well"]);
        Assert.Equal([new Theme("tracking code", 3, "The tracking code"), new Theme("code", 3, "The tracking code"), new Theme("tracking", 3, "The tracking code")], themes["What was confusing"]);
        Assert.Equal(["bigger text", "bigger", "text"], themes["Suggestions"].Select(t => t.Phrase));
        Assert.Empty(themes["Technical issues"]);
    }

    [Fact]
    public void A_word_repeated_within_one_answer_counts_once()
    {
        var themes = ThemeFinder.Find(["slow slow slow slow", "fine"], 5);

        Assert.Empty(themes);
    }

    [Fact]
    public void The_markdown_escapes_what_voters_typed()
    {
        FeedbackAnswer[] answers =
        [
            Four[0] with { WhatConfused = "<script>alert(1)</script> **bold** pipes | here" },
            Four[1] with { WhatConfused = "<script>alert(1)</script> again **bold**" },
        ];

        var markdown = FeedbackAnalysis.Analyze(answers).ToMarkdown();

        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; again \\*\\*bold\\*\\*", markdown, StringComparison.Ordinal);
        Assert.Contains("| Overall experience | 4.00 | 4.0 | 0 | 0 | 1 | 0 | 1 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void No_feedback_says_so_and_impossible_ratings_are_refused()
    {
        var empty = FeedbackAnalysis.Analyze([]);

        Assert.Equal("no feedback was given", empty.WouldTrust.Reason);
        Assert.Contains("no feedback was given", empty.ToMarkdown(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeedbackAnalysis.Analyze([Four[0] with { VotingEase = 6 }]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeedbackAnalysis.Analyze([Four[0] with { Overall = 0 }]));
    }
}
