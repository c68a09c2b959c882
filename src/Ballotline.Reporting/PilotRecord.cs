using System.Numerics;
namespace Ballotline.Reporting;

/// <summary>
/// Everything one election's reports are computed from, gathered in one pass: the funnel, ballots' cast times
/// (never their content), the chain's anchors, feedback, issues, tickets and the server's health. The metrics
/// report, the success table and the Phase 2 report all read this one record, so they cannot disagree.
/// </summary>
public sealed record PilotRecord
{
    public required string Title { get; init; }

    public required string Slug { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required DateTimeOffset VotingOpensAt { get; init; }

    public required DateTimeOffset VotingClosesAt { get; init; }

    public string ChainName { get; init; } = "the configured chain";

    public string RecordingMode { get; init; } = "Batched";

    /// <summary>Trustees holding the election key (1: the server holds it) and how many decrypt.</summary>
    public int Trustees { get; init; } = 1;

    public int Quorum { get; init; } = 1;

    public required IReadOnlyList<VoterSteps> Voters { get; init; }

    /// <summary>
    /// Seconds spent registering (invitation link opened to account made), summed over <see cref="RegistrationsTimed"/>
    /// registrations. A sum, not per voter: a voter's steps keep only their days, since a voter votes minutes after
    /// registering and the ballots' cast times are public.
    /// </summary>
    public double RegistrationSeconds { get; init; }

    public long RegistrationsTimed { get; init; }

    /// <summary>The mean time to register, or why there is none.</summary>
    public Measure AverageRegistrationSeconds => RegistrationsTimed == 0
        ? Measure.Unavailable("no voter has completed registration")
        : Measure.Of(RegistrationSeconds / RegistrationsTimed);

    /// <summary>When each online ballot was cast (the ballot box's times; no link to a voter).</summary>
    public required IReadOnlyList<DateTimeOffset> CastTimes { get; init; }

    /// <summary>Successful verification checks (attempts are not linked to a ballot or voter, by design).</summary>
    public int SuccessfulVerifications { get; init; }

    public required IReadOnlyList<AnchorFact> Anchors { get; init; }

    /// <summary>
    /// Chain attempts that failed while this election's ballots waited to be recorded and left no transaction
    /// behind: anchoring passes that could not reach the node (unreachable, timed out, an error of its own).
    /// </summary>
    public long FailedChainPasses { get; init; }

    /// <summary>
    /// Every attempt the ballots depended on: each transaction once, every re-send or replacement of it, and every
    /// failed pass. Transaction success is final transactions over this, so an outage or a flaky node lowers it.
    /// </summary>
    public long ChainAttempts => Attempts(Anchors, FailedChainPasses);

    /// <summary>The one definition of transaction success (docs/reporting.md), for the reports and the live dashboard alike.</summary>
    public static Measure TransactionSuccess(IReadOnlyCollection<AnchorFact> anchors, long failedPasses) =>
        Measure.Ratio(anchors.Count(a => a.Outcome == AnchorOutcome.Final), Attempts(anchors, failedPasses), "no anchoring transaction has reached a final outcome yet");

    private static long Attempts(IReadOnlyCollection<AnchorFact> anchors, long failedPasses) =>
        anchors.Count(a => a.Outcome != AnchorOutcome.Pending) + anchors.Sum(a => (long)a.Resends) + failedPasses;

    public required IReadOnlyList<FeedbackAnswer> Feedback { get; init; }

    public required IReadOnlyList<IssueFact> Issues { get; init; }

    public required IReadOnlyList<TicketFact> Tickets { get; init; }

    /// <summary>Share of the voting window the server was up, from its heartbeats.</summary>
    public Measure Uptime { get; init; } = Measure.Unavailable("no health history was recorded");

    public double? ResponseP50Milliseconds { get; init; }

    public double? ResponseP95Milliseconds { get; init; }

    /// <summary>The lessons-learned page as Markdown, appended to the Phase 2 report.</summary>
    public string? LessonsMarkdown { get; init; }

    public int Registered => Voters.Count(v => v.RegisteredAt is not null);

    public int OnlineVotes => CastTimes.Count;

    /// <summary>The plan's user interviews: how many were invited, and the notes of those held (non-empty notes).</summary>
    public int InterviewsInvited { get; init; }

    public IReadOnlyList<string> InterviewNotes { get; init; } = [];

    /// <summary>Feedback answers given by voters who cast online (the population of the response rate).</summary>
    public int FeedbackFromOnlineVoters { get; init; }

    /// <summary>The plan's review target for feedback: more than this share of the voters who cast answer.</summary>
    public const double FeedbackResponseTarget = 0.8;

    /// <summary>Feedback response rate: answers from voters who cast online ÷ voters who cast online.</summary>
    public Measure FeedbackResponseRate => Measure.Ratio(FeedbackFromOnlineVoters, OnlineVotes, "no ballot was cast online");

    public IReadOnlyList<FunnelStep> Funnel => PilotFunnel.Of(
        Voters.Count(v => v.InvitedAt is not null), Voters.Count(v => v.RegistrationStartedAt is not null), Registered,
        Voters.Count(v => v.BallotShown), OnlineVotes, SuccessfulVerifications, Feedback.Count);

    /// <summary>
    /// Share of online ballots whose anchor was mined within <paramref name="seconds"/> of the oldest ballot it
    /// covers being cast (so of every ballot it covers, at worst): the voter's view of transaction success.
    /// </summary>
    public Measure BallotsFinalWithin(double seconds) => Measure.Ratio(
        Anchors.Where(a => a.Outcome == AnchorOutcome.Final && a.CastToConfirmSeconds <= seconds).Sum(a => a.Ballots),
        OnlineVotes, "no ballot was cast online");

    /// <summary>
    /// Average seconds from cast to confirmed over final anchors (each from the oldest ballot it covers): the one
    /// definition of "average transaction time" for the reports and the dashboard; null when none is final.
    /// </summary>
    public static double? AverageCastToConfirmSeconds(IEnumerable<AnchorFact> anchors)
    {
        var times = anchors.Where(a => a.Outcome == AnchorOutcome.Final && a.CastToConfirmSeconds is not null).Select(a => a.CastToConfirmSeconds!.Value).ToList();
        return times.Count == 0 ? null : times.Average();
    }

    /// <summary>
    /// Gas per ballot: the gas of every final transaction (the close included: recording a ballot also costs its
    /// share of closing the log) ÷ the ballots those transactions newly covered. The one definition for the report's
    /// text and its chart; null when no ballot is final.
    /// </summary>
    public static double? GasPerBallot(IEnumerable<AnchorFact> anchors)
    {
        var final = anchors.Where(a => a.Outcome == AnchorOutcome.Final).ToList();
        var ballots = final.Sum(a => a.Ballots);
        return ballots == 0 ? null : (double)final.Sum(a => a.GasUsed ?? 0) / ballots;
    }

    /// <summary>The chain's fee per ballot in wei, by the same population as <see cref="GasPerBallot"/>.</summary>
    public static BigInteger? FeePerBallotWei(IEnumerable<AnchorFact> anchors)
    {
        var final = anchors.Where(a => a.Outcome == AnchorOutcome.Final).ToList();
        var ballots = final.Sum(a => a.Ballots);
        return ballots == 0 ? null : final.Aggregate(BigInteger.Zero, (sum, a) => sum + a.FeeWei) / ballots;
    }

    /// <summary>The median of the final transactions' cast-to-confirmed times (mean of the two middle ones for an even count).</summary>
    public static double? MedianCastToConfirmSeconds(IEnumerable<AnchorFact> anchors)
    {
        var times = anchors.Where(a => a.Outcome == AnchorOutcome.Final && a.CastToConfirmSeconds is not null).Select(a => a.CastToConfirmSeconds!.Value).Order().ToList();
        return times.Count == 0 ? null : times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
    }

    /// <summary>The success figures in the plan's units, as the decision reads them.</summary>
    public PilotOutcome Outcome()
    {
        var critical = Issues.Where(i => i.Severity == 1).ToList();
        return new PilotOutcome(
            Measure.Of(Registered),
            // Completion counts online ballots by registered voters; backup-channel votes are the rollback's, not the pilot's.
            Measure.Ratio(OnlineVotes, Registered, "no voter has registered"),
            TransactionSuccess(Anchors, FailedChainPasses),
            Feedback.Count == 0 ? Measure.Unavailable("no feedback was given") : Measure.Of(Feedback.Average(f => f.Overall)),
            Measure.Ratio(Feedback.Count(f => f.WouldTrust), Feedback.Count, "no feedback was given"),
            critical.Count,
            critical.Count(i => i.IsOpen),
            // A ticket still open counts with its age so far: leaving a ticket open must not improve the figure.
            Tickets.Count == 0
                ? Measure.Of(0, "no ticket was opened")
                : Measure.Of(Tickets.Average(t => ((t.ResolvedAt ?? GeneratedAt) - t.CreatedAt).TotalHours)));
    }
}
