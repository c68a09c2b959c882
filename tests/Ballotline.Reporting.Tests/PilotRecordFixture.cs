using System.Numerics;

namespace Ballotline.Reporting.Tests;

/// <summary>
/// A small pilot whose every figure is worked out by hand in the comments, so that report tests compare with
/// arithmetic anyone can redo.
/// </summary>
internal static class PilotRecordFixture
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The day voting opens, as a voter's steps keep it.</summary>
    public static readonly DateTimeOffset Day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static PilotRecord Small(string title = "Spring pilot") => new()
    {
        Title = title,
        Slug = "spring-pilot",
        GeneratedAt = Start.AddHours(3),
        VotingOpensAt = Start,
        VotingClosesAt = Start.AddDays(1),
        ChainName = "Anvil",
        RecordingMode = "Batched",
        Trustees = 5,
        Quorum = 3,

        // 5 invited, 4 started, 3 registered (each step kept to its day) in 60 s, 120 s and 300 s: 480 s over 3, mean
        // 160 s; 3 opened the ballot.
        Voters =
        [
            new("technical", "18-29", Day, Day, Day, true),
            new("average", "60+", Day, Day, Day, true),
            new("average", "30-44", Day, Day, Day, true),
            new("technical", "45-59", Day, Day, null, false),
            new("average", "60+", Day, null, null, false),
        ],
        RegistrationSeconds = 480,
        RegistrationsTimed = 3,

        // Three ballots at 0 min, 30 min and 150 min: spread over 2.5 h, so per hour: 2, 0, 1.
        CastTimes = [Start, Start.AddMinutes(30), Start.AddMinutes(150)],
        SuccessfulVerifications = 2,

        // Final: 2 ballots for 60,000 gas and 3rd ballot for 40,000 — 100,000 gas / 3 votes = 33,333.3 per ballot;
        // fees 0.001 + 0.0005 = 0.0015 token / 3 = 0.0005 per ballot. 2 of 3 transactions succeeded: 66.7%.
        // Confirmation 12 s and 20 s: mean 16.0 s.
        Anchors =
        [
            new("Batched", AnchorOutcome.Final, 2, 60_000, BigInteger.Parse("1000000000000000", System.Globalization.CultureInfo.InvariantCulture), 12, null),
            new("Batched", AnchorOutcome.Failed, 1, null, BigInteger.Zero, null, "nonce too low"),
            new("Batched", AnchorOutcome.Final, 1, 40_000, BigInteger.Parse("500000000000000", System.Globalization.CultureInfo.InvariantCulture), 20, null),
        ],

        // Both answers come from voters who cast: 2 of the 3 who cast online answered, 66.7% (review target > 80%: not met).
        FeedbackFromOnlineVoters = 2,

        // Overall 5 and 3: mean 4.00, not above 4. One of two would trust: 50%.
        Feedback =
        [
            new("technical", "18-29", 5, 4, 5, 4, true, true, "Quick and clear", "", "", ""),
            new("average", "60+", 3, 2, 3, 2, false, true, "Clear steps", "The chain words", "Bigger text", ""),
        ],

        // One critical issue, fixed: 1 critical, 0 open; must fix: nothing left, 1 fixed. One low issue open: nice to have.
        Issues =
        [
            new("Anchoring stalled for ten minutes", 1, "Critical", "Fixed", "Raised the fee cap", IsOpen: false, Priority: "Must fix"),
            new("Receipt page wording", 4, "Low", "Open", null, IsOpen: true, Priority: "Nice to have"),
        ],

        // Resolved after 1 h, and one still open after 3 h: mean 2.00 h, not below 2.
        Tickets = [new(2, "High", Start, Start.AddHours(1)), new(null, null, Start, null)],
        Uptime = Measure.Of(0.995),
        ResponseP50Milliseconds = 40,
        ResponseP95Milliseconds = 180,
        LessonsMarkdown = "# Lessons learned: Spring pilot\n\n## What went well\nEveryone voted.\n",
    };

    public static PilotRecord Empty() => new()
    {
        Title = "Empty pilot",
        Slug = "empty",
        GeneratedAt = Start,
        VotingOpensAt = Start,
        VotingClosesAt = Start.AddDays(1),
        Voters = [],
        CastTimes = [],
        Anchors = [],
        Feedback = [],
        Issues = [],
        Tickets = [],
    };
}
