namespace Ballotline.Reporting.Tests;

public sealed class DailyReviewTests
{
    [Fact]
    public void The_daily_review_gives_the_days_activity_the_targets_open_issues_themes_and_alerts()
    {
        var record = PilotRecordFixture.Small();
        var day = DateOnly.FromDateTime(PilotRecordFixture.Start.UtcDateTime);
        FeedbackAnswer[] answers =
        [
            new("average", "60+", 3, 3, 3, 3, true, true, "The receipt email", "", "", ""),
            new("technical", "18-29", 4, 4, 4, 4, true, true, "Clear receipt email", "", "", ""),
        ];
        var review = DailyReview.ToMarkdown(record, day, answers, ["Critical — The chain cannot be reached (since 2026-03-02 10:00 UTC)"]);

        // The fixture: 3 registered that morning of 5, 3 ballots that day, 2 tickets opened (1 still open).
        Assert.Contains("# Daily review: Spring pilot — 2026-03-02 (UTC)", review, StringComparison.Ordinal);
        Assert.Contains("- Registrations: 3 (total 3 of 5 in the pilot group)", review, StringComparison.Ordinal);
        Assert.Contains("- Ballots cast online: 3 (total 3)", review, StringComparison.Ordinal);
        Assert.Contains("- Feedback answers: 2 (total 2; response rate 66.7% of the voters who cast, review target > 80.0%)", review, StringComparison.Ordinal);
        Assert.Contains("- Support tickets opened: 2; still open: 1", review, StringComparison.Ordinal);
        Assert.Contains("| Vote completion rate | >90% | 100.0% | met |", review, StringComparison.Ordinal);
        Assert.Contains("- 4 Low (1): Receipt page wording (Open, Nice to have)", review, StringComparison.Ordinal);
        Assert.Contains("- receipt email (2 answers)", review, StringComparison.Ordinal);
        Assert.Contains("- Critical — The chain cannot be reached", review, StringComparison.Ordinal);

        // The next day: nothing happened, and it says so.
        var quiet = DailyReview.ToMarkdown(record, day.AddDays(1), [], []);
        Assert.Contains("- Ballots cast online: 0 (total 3)", quiet, StringComparison.Ordinal);
        Assert.Contains("No feedback was given that day.", quiet, StringComparison.Ordinal);
        Assert.Contains("No alert is firing.", quiet, StringComparison.Ordinal);
    }
}
