using System.Text.RegularExpressions;

namespace Ballotline.Reporting.Tests;

/// <summary>The Phase 2 report: the plan's eight sections, its charts, and its safety with people's words.</summary>
public sealed partial class Phase2ReportTests
{
    private static readonly string[] Sections =
    [
        "## 1. Executive summary", "## 2. Pilot overview", "## 3. Metrics deep dive", "## 4. User feedback analysis",
        "## 5. Technical performance", "## 6. Issues and resolutions", "## 7. Recommendations", "## 8. Phase 3 readiness",
        "## Appendix: lessons learned", "## Appendix: definitions",
    ];

    [Fact]
    public void The_markdown_has_the_plans_eight_sections_in_order_with_the_lessons_appended()
    {
        var markdown = Phase2Report.Build(PilotRecordFixture.Small()).ToMarkdown();

        var positions = Sections.Select(s => markdown.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("### Lessons learned: Spring pilot", markdown, StringComparison.Ordinal);
        Assert.Contains("Everyone voted.", markdown, StringComparison.Ordinal);
        Assert.Contains("Recommendation: **NO-GO**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_success_table_and_the_recommendations_appear_once_and_the_readiness_section_points_to_them()
    {
        var record = PilotRecordFixture.Small();
        var decision = PilotDecision.Decide(record.Outcome());
        Assert.NotEmpty(decision.Recommendations);

        foreach (var report in new[] { Phase2Report.Build(record).ToMarkdown(), MetricsReport.ToMarkdown(record) })
        {
            Assert.Equal(1, Regex.Count(report, @"\| Metric \| Target \| Actual \| Met \|"));
            Assert.Equal(1, Regex.Count(report, Regex.Escape(decision.Recommendations[0])));
        }

        var readiness = Phase2Report.Build(record).ToMarkdown().Split("## 8. Phase 3 readiness")[1];
        Assert.Contains("The success metrics table is in section 3.", readiness, StringComparison.Ordinal);
        Assert.Contains("The recommendations are in section 7.", readiness, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_chart_is_described_in_the_markdown_with_the_figures_worked_out_by_hand()
    {
        var markdown = Phase2Report.Build(PilotRecordFixture.Small()).ToMarkdown();

        Assert.Contains("**Chart — Votes per hour:** 3 ballots in 3 one-hour intervals; the busiest had 2.", markdown, StringComparison.Ordinal);
        Assert.Contains("**Chart — Registration and voting funnel:** invited 5; registration started 4; registered 3; ballot opened 3; cast 3; verified (successful checks) 2; feedback 2", markdown, StringComparison.Ordinal);
        // 12 s and 20 s: the median of two is their mean, as the average is (it read "median 20.0 s" before).
        Assert.Contains("**Chart — Transaction confirmation time:** 2 final transactions; average 16.0 s, median 16.0 s, slowest 20.0 s.", markdown, StringComparison.Ordinal);
        Assert.Contains("**Chart — Gas per ballot by recording mode:** Batched: 33333.3 gas per ballot", markdown, StringComparison.Ordinal);
        Assert.Contains("**Chart — Would trust blockchain voting for real elections:** 1 of 2 would trust it (50.0%).", markdown, StringComparison.Ordinal);
        Assert.Contains("**Chart — Support tickets by severity:** 2 High: 1 tickets, mean 1.00 h to resolve; not triaged: 1 tickets, none resolved", markdown, StringComparison.Ordinal);
        Assert.Contains("| technical | 2 | 1 | 40.0% |", markdown, StringComparison.Ordinal);
        Assert.Contains("- Election key: shared by 5 trustees, any 3 of whom decrypt the tally", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_file_embeds_every_chart_as_a_png_and_loads_nothing_else()
    {
        var report = Phase2Report.Build(PilotRecordFixture.Small());
        var html = report.ToHtml();

        var images = ImageSources().Matches(html).Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
        Assert.Equal(7, images.Count);
        Assert.All(images, png => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]));
        Assert.Equal(7, report.Charts.Count(c => c.CanDraw));
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h2>8. Phase 3 readiness</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_report_describes_the_charts_without_drawing_them()
    {
        var report = Phase2Report.Build(PilotRecordFixture.Small());

        report.ToMarkdown();

        // Drawing is the slow part; the Markdown needs only the figures, so no chart was rendered for it.
        Assert.All(report.Charts, c => Assert.False(c.IsDrawn));
        report.ToHtml();
        Assert.All(report.Charts, c => Assert.True(c.IsDrawn));
    }

    [Fact]
    public void Charts_without_data_are_not_drawn_and_say_why()
    {
        var report = Phase2Report.Build(PilotRecordFixture.Empty());

        Assert.Contains("**Chart — Votes per hour:** not drawn: No ballot was cast.", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("Not drawn: No feedback was given.", report.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("No lessons were recorded for this pilot yet", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Equal(1, report.Charts.Count(c => c.CanDraw)); // the funnel, all zero, is still a funnel
    }

    [Fact]
    public void Peoples_words_cannot_become_markup_in_the_html_file()
    {
        var hostile = PilotRecordFixture.Small("<script>alert(1)</script> pilot") with
        {
            Feedback = [new("average", "60+", 4, 4, 4, 4, true, true, "<img src=x onerror=alert(2)> great, great", "<img src=x onerror=alert(2)> great", "", "")],
            LessonsMarkdown = "## Went well\n<iframe src=\"https://evil.example\"></iframe>",
        };

        var html = Phase2Report.Build(hostile).ToHtml();

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_reads_the_same_whatever_the_machines_culture()
    {
        var invariant = Phase2Report.Build(PilotRecordFixture.Small()).ToMarkdown();
        Assert.Equal(invariant, CommaCulture.Run(() => Phase2Report.Build(PilotRecordFixture.Small()).ToMarkdown()));
    }

    [GeneratedRegex("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex ImageSources();

    [Fact]
    public void Gas_per_ballot_is_one_figure_in_the_text_and_the_chart_with_the_close_counted_in_both()
    {
        // Three ballots anchored for 60,000 gas, then the close for 30,000: 90,000 gas / 3 ballots = 30,000 per ballot.
        var record = PilotRecordFixture.Small() with
        {
            Anchors =
            [
                new("Batched", AnchorOutcome.Final, 3, 60_000, System.Numerics.BigInteger.Zero, 12, null),
                new("Batched", AnchorOutcome.Final, 0, 30_000, System.Numerics.BigInteger.Zero, 20, null),
            ],
        };
        var markdown = Phase2Report.Build(record).ToMarkdown();
        Assert.Contains("- Average gas cost: 30000.0 gas per ballot", markdown, StringComparison.Ordinal);
        Assert.Contains("**Chart — Gas per ballot by recording mode:** Batched: 30000.0 gas per ballot", markdown, StringComparison.Ordinal);
    }
}
