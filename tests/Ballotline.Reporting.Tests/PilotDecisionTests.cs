
namespace Ballotline.Reporting.Tests;

/// <summary>The success-metrics table and GO / NO-GO against hand-computed pilots.</summary>
public sealed class PilotDecisionTests
{
    // A pilot that meets every target: 120 registered, 113 voted (94.2%), 113 of 114 transactions final (99.1%),
    // ratings summing to 486 over 113 answers (4.30), 97 of 113 would trust (85.8%), tickets resolved in 1.25 h.
    private static PilotOutcome Healthy() => new(
        Measure.Of(120),
        Measure.Ratio(113, 120, "nobody registered"),
        Measure.Ratio(113, 114, "no ballot reached the chain"),
        Measure.Of(486.0 / 113),
        Measure.Ratio(97, 113, "no feedback"),
        CriticalIssues: 0,
        OpenCriticalIssues: 0,
        Measure.Of(1.25));

    [Fact]
    public void A_pilot_meeting_every_target_is_a_go_with_the_actuals_in_the_table()
    {
        var decision = PilotDecision.Decide(Healthy());

        Assert.True(decision.Go);
        Assert.Equal("GO", decision.Verdict);
        Assert.Empty(decision.Reasons);
        Assert.Empty(decision.Recommendations);
        Assert.Equal(["120", "94.2%", "99.1%", "4.30/5", "85.8%", "0", "1.25 h"], decision.Table.Select(r => r.Actual));
        Assert.All(decision.Table, r => Assert.True(r.Met));
        Assert.Equal(Enum.GetValues<SuccessTarget>(), decision.Table.Select(r => r.Target));
    }

    [Fact]
    public void Each_unmet_target_is_named_with_its_actual_and_the_plans_mitigations_become_recommendations()
    {
        var outcome = Healthy() with
        {
            TransactionSuccess = Measure.Ratio(100, 110, "no ballot reached the chain"),
            Satisfaction = Measure.Of(3.6),
        };

        var decision = PilotDecision.Decide(outcome);

        Assert.False(decision.Go);
        Assert.Equal("NO-GO", decision.Verdict);
        Assert.Equal(["Transaction success rate: target >95%, actual 90.9%.", "User satisfaction: target >4/5, actual 3.60/5."], decision.Reasons);
        Assert.Contains("Implement more robust retry logic.", decision.Recommendations);
        Assert.Contains("Consider batch processing.", decision.Recommendations);
        Assert.Contains("Prioritize UX improvements.", decision.Recommendations);
        Assert.DoesNotContain("Fix immediately.", decision.Recommendations);
        Assert.Equal([true, true, false, false, true, true, true], decision.Table.Select(r => r.Met));
    }

    [Fact]
    public void An_open_critical_issue_is_a_no_go_and_asks_for_the_plans_critical_actions()
    {
        var decision = PilotDecision.Decide(Healthy() with { CriticalIssues = 1, OpenCriticalIssues = 1 });

        Assert.False(decision.Go);
        Assert.Equal("1 (1 open)", decision.Table.Single(r => r.Target == SuccessTarget.CriticalIssues).Actual);
        Assert.Contains(decision.Reasons, r => r.Contains("still open", StringComparison.Ordinal));
        Assert.Equal(["Fix immediately.", "Re-run mini pilot if needed.", "Update documentation.", "Add regression tests.", "Delay Phase 3 until resolved."], decision.Recommendations);
    }

    [Fact]
    public void A_critical_issue_found_and_fixed_still_misses_the_zero_target()
    {
        var decision = PilotDecision.Decide(Healthy() with { CriticalIssues = 2, OpenCriticalIssues = 0 });

        Assert.False(decision.Go);
        Assert.Equal(["Critical issues: target 0, actual 2."], decision.Reasons);
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void Participants_must_be_between_50_and_200_inclusive(int participants, bool met)
    {
        var row = SuccessTable.Evaluate(Healthy() with { Participants = Measure.Of(participants) })[0];

        Assert.Equal(met, row.Met);
    }

    [Fact]
    public void Targets_written_as_greater_or_less_than_are_strict()
    {
        var rows = SuccessTable.Evaluate(Healthy() with
        {
            VoteCompletion = Measure.Ratio(90, 100, "nobody registered"),
            TransactionSuccess = Measure.Ratio(95, 100, "none"),
            Satisfaction = Measure.Of(4.0),
            WouldTrust = Measure.Ratio(8, 10, "none"),
            SupportResolutionHours = Measure.Of(2.0),
        });

        Assert.Equal([true, false, false, false, false, true, false], rows.Select(r => r.Met));
    }

    [Fact]
    public void A_figure_that_cannot_be_computed_says_why_and_does_not_count_as_met()
    {
        var decision = PilotDecision.Decide(Healthy() with { TransactionSuccess = Measure.Ratio(0, 0, "no ballot was submitted to the chain") });

        var row = decision.Table.Single(r => r.Target == SuccessTarget.TransactionSuccess);
        Assert.Equal("not computable: no ballot was submitted to the chain", row.Actual);
        Assert.False(row.Met);
        Assert.False(decision.Go);
    }

    [Fact]
    public void The_markdown_has_the_plans_table_and_reads_the_same_in_every_culture()
    {
        var german = CommaCulture.Run(() => PilotDecision.Decide(Healthy() with { Satisfaction = Measure.Of(3.75) }).ToMarkdown());

        Assert.Contains("Recommendation: **NO-GO**", german, StringComparison.Ordinal);
        Assert.Contains("| Metric | Target | Actual | Met |", german, StringComparison.Ordinal);
        Assert.Contains("| User satisfaction | >4/5 | 3.75/5 | **not met** |", german, StringComparison.Ordinal);
        Assert.Contains("| Vote completion rate | >90% | 94.2% | met |", german, StringComparison.Ordinal);
        Assert.Contains("1. Conduct user interviews to understand issues.", german, StringComparison.Ordinal);
        Assert.Equal(german, PilotDecision.Decide(Healthy() with { Satisfaction = Measure.Of(3.75) }).ToMarkdown());
    }

    [Fact]
    public void A_note_is_printed_beside_its_value()
    {
        var row = SuccessTable.Evaluate(Healthy() with { SupportResolutionHours = Measure.Of(0, "no ticket was opened") })[^1];

        Assert.Equal("0.00 h (no ticket was opened)", row.Actual);
        Assert.True(row.Met);
    }

    [Fact]
    public void A_reason_containing_a_pipe_does_not_break_the_markdown_table()
    {
        var markdown = SuccessTable.ToMarkdown(SuccessTable.Evaluate(Healthy() with { WouldTrust = Measure.Unavailable("feedback | closed early") }));

        Assert.Contains(@"not computable: feedback \| closed early", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Impossible_outcomes_and_figures_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SuccessTable.Evaluate(Healthy() with { CriticalIssues = 1, OpenCriticalIssues = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Of(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Ratio(-1, 3, "x"));
        Assert.Throws<ArgumentException>(() => Measure.Unavailable(" "));
    }
}
