namespace Ballotline.Reporting.Tests;

/// <summary>The metrics report and the success figures against the hand-computed fixture.</summary>
public sealed class MetricsReportTests
{
    [Fact]
    public void The_success_figures_are_those_worked_out_by_hand()
    {
        var outcome = PilotRecordFixture.Small().Outcome();

        Assert.Equal(3, outcome.Participants.Value);
        Assert.Equal(1.0, outcome.VoteCompletion.Value);
        Assert.Equal(2.0 / 3, outcome.TransactionSuccess.Value);
        Assert.Equal(4.0, outcome.Satisfaction.Value);
        Assert.Equal(0.5, outcome.WouldTrust.Value);
        Assert.Equal((1, 0), (outcome.CriticalIssues, outcome.OpenCriticalIssues));
        Assert.Equal(2.0, outcome.SupportResolutionHours.Value);
        Assert.False(PilotDecision.Decide(outcome).Go);
    }

    [Fact]
    public void The_metrics_report_shows_each_figure_worked_out_by_hand()
    {
        var report = MetricsReport.ToMarkdown(PilotRecordFixture.Small());

        Assert.Contains("- Total participants: 3 registered of 5 in the pilot group", report, StringComparison.Ordinal);
        Assert.Contains("- Average time: 160 seconds", report, StringComparison.Ordinal);
        Assert.Contains("| registration started | 4 | 1 (20.0%) |", report, StringComparison.Ordinal);
        Assert.Contains("| verified (successful checks) | 2 | 1 (33.3%) |", report, StringComparison.Ordinal);
        Assert.Contains("- Blockchain success rate: 66.7% (2 final of 3 attempts; failed or lost: 1; re-sent or replaced: 0; passes that could not reach the chain: 0)", report, StringComparison.Ordinal);
        Assert.Contains("- Ballots on the chain within 60 s of being cast (the voter's view): 100.0%", report, StringComparison.Ordinal);
        Assert.Contains("- Average transaction time: 16.0 seconds from cast to confirmed", report, StringComparison.Ordinal);
        Assert.Contains("- Average gas cost: 33333.3 gas per ballot; 0.0005 in the chain's token per ballot", report, StringComparison.Ordinal);
        Assert.Contains("- Failed transactions: 1 — nonce too low", report, StringComparison.Ordinal);
        Assert.Contains("- Ease of use: 3.50/5", report, StringComparison.Ordinal);
        Assert.Contains("- Feedback response rate: 66.7% of the voters who cast online (2 of 3); review target > 80.0%: **not met** — send the feedback reminder", report, StringComparison.Ordinal);
        Assert.Contains("- Must fix: nothing left — 1 fixed", report, StringComparison.Ordinal);
        Assert.Contains("- Should fix: nothing left", report, StringComparison.Ordinal);
        Assert.Contains("- Nice to have: Receipt page wording (Low, Open)", report, StringComparison.Ordinal);
        Assert.Contains("- System uptime: 99.5% of the voting window", report, StringComparison.Ordinal);
        Assert.Contains("1. Anchoring stalled for ten minutes - Severity: 1 Critical - Status: Fixed — Raised the fee cap", report, StringComparison.Ordinal);
        Assert.Contains("Recommendation: **NO-GO**", report, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outage_that_failed_chain_calls_fails_the_transaction_success_target_even_when_every_transaction_ended_final()
    {
        // Three transactions, all final; one of them re-sent once (dropped), and four passes could not reach the node
        // while ballots waited: 3 final of 3 + 1 + 4 = 8 attempts, 37.5%. Before, this read 100% and could not fail.
        var record = PilotRecordFixture.Small() with
        {
            Anchors =
            [
                new("Batched", AnchorOutcome.Final, 2, 60_000, System.Numerics.BigInteger.Zero, 12, null),
                new("Batched", AnchorOutcome.Final, 1, 40_000, System.Numerics.BigInteger.Zero, 95, null, Resends: 1),
                new("Batched", AnchorOutcome.Final, 0, 40_000, System.Numerics.BigInteger.Zero, null, null),
            ],
            FailedChainPasses = 4,
        };

        var outcome = record.Outcome();
        Assert.Equal(3.0 / 8, outcome.TransactionSuccess.Value);
        var decision = PilotDecision.Decide(outcome);
        Assert.False(decision.Go);
        Assert.Contains("Transaction success rate: target >95%, actual 37.5%.", decision.Reasons);
        var report = MetricsReport.ToMarkdown(record);
        Assert.Contains("(3 final of 8 attempts; failed or lost: 0; re-sent or replaced: 1; passes that could not reach the chain: 4)", report, StringComparison.Ordinal);

        // The voter's view: 2 of the 3 online ballots were on the chain within 60 s; the third took 95 s.
        Assert.Equal(2.0 / 3, record.BallotsFinalWithin(60).Value!.Value, 9);
    }

    [Fact]
    public void An_empty_pilot_says_why_each_figure_cannot_be_computed()
    {
        var report = MetricsReport.ToMarkdown(PilotRecordFixture.Empty());

        Assert.Contains("- Average time: not computable: no voter has completed registration", report, StringComparison.Ordinal);
        Assert.Contains("- Blockchain success rate: not computable: no anchoring transaction has reached a final outcome yet", report, StringComparison.Ordinal);
        Assert.Contains("- Overall satisfaction: not computable: no feedback was given", report, StringComparison.Ordinal);
        Assert.Contains("- System uptime: not computable: no health history was recorded", report, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", report, StringComparison.Ordinal);
    }
}
