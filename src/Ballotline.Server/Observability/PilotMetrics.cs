using Prometheus;

namespace Ballotline.Server.Observability;

/// <summary>
/// Every pilot metric, in one registry per server (exported at /metrics). Names are the contract with the
/// Prometheus alert rules and the Grafana dashboard in deploy/, which tests check against this list.
/// </summary>
public sealed class PilotMetrics
{
    public PilotMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        VotesCast = f.CreateCounter("ballotline_votes_cast_total", "Ballots cast (accepted into the ballot box).");
        CastBatchSize = f.CreateHistogram("ballotline_cast_batch_size", "Ballots appended to the box by one transaction (group commit: every ballot that queued while the previous batch was written).",
            new HistogramConfiguration { Buckets = [1, 2, 4, 8, 16, 32, 64] });
        BallotCheckWaitSeconds = f.CreateHistogram("ballotline_ballot_check_wait_seconds", "Seconds a cast ballot waited for its turn to have its proofs checked (Voting:VerificationSlots; 0 without a limit).",
            new HistogramConfiguration { Buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        BallotsStarted = f.CreateCounter("ballotline_ballots_started_total", "Ballots shown to a voter.");
        BallotsChallenged = f.CreateCounter("ballotline_ballots_challenged_total", "Ballots challenged by their voter (Benaloh), published as spoiled and never counted.");
        RegistrationsStarted = f.CreateCounter("ballotline_registrations_started_total", "Invitation links opened for the first time.");
        RegistrationsCompleted = f.CreateCounter("ballotline_registrations_completed_total", "Registrations completed.");
        VerificationsAttempted = f.CreateCounter("ballotline_verifications_attempted_total", "Ballot verifications against the chain.");
        VerificationsSucceeded = f.CreateCounter("ballotline_verifications_succeeded_total", "Ballot verifications that verified.");
        TransactionsSubmitted = f.CreateCounter("ballotline_chain_transactions_submitted_total", "Chain transactions sent (first broadcast).", "kind");
        TransactionsConfirmed = f.CreateCounter("ballotline_chain_transactions_confirmed_total", "Chain transactions final.", "kind");
        TransactionsFailed = f.CreateCounter("ballotline_chain_transactions_failed_total", "Chain attempts that failed: reverted, lost by the chain, or an anchoring pass that could not reach it while ballots waited.", "reason");
        ChainAttempts = f.CreateCounter("ballotline_chain_attempts_total",
            "Every chain attempt the ballots depended on: each broadcast (first, re-sent or replaced) and each anchoring pass that could not reach the chain while ballots waited.");
        ConfirmationSeconds = f.CreateHistogram("ballotline_chain_confirmation_seconds", "Seconds from the first covered ballot's cast to its anchor being mined.",
            new HistogramConfiguration { Buckets = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800] });
        GasPerTransaction = f.CreateHistogram("ballotline_chain_gas_used_per_transaction", "Gas used by each final transaction.",
            new HistogramConfiguration { Buckets = [25_000, 30_000, 50_000, 75_000, 100_000, 200_000, 600_000] });
        GasPerBallot = f.CreateGauge("ballotline_chain_gas_used_per_ballot", "Gas per ballot of the latest final anchor.");
        GasPriceGwei = f.CreateGauge("ballotline_chain_gas_price_gwei", "The chain's latest base fee, in gwei.");
        PendingTransactions = f.CreateGauge("ballotline_chain_pending_transactions", "Transactions sent and not yet final.");
        LatestAnchorConfirmations = f.CreateGauge("ballotline_chain_latest_anchor_confirmations", "Confirmations of the most recent anchor.");
        ChainErrors = f.CreateCounter("ballotline_chain_errors_total", "Anchoring passes that failed to reach the chain (RPC errors, timeouts).");
        ChainUp = f.CreateGauge("ballotline_chain_up", "1 when the chain answered the last anchoring pass (or no chain is configured), 0 when it did not.");
        AnchoringBacklog = f.CreateGauge("ballotline_anchoring_backlog_ballots", "Ballots accepted and not yet covered by a final anchor.");
        ActiveUsers = f.CreateGauge("ballotline_active_users", "Signed-in users seen in the last 15 minutes (this instance).");
        HttpErrors = f.CreateCounter("ballotline_http_responses_total", "HTTP responses by status class.", "class");
        TicketsOpened = f.CreateCounter("ballotline_support_tickets_opened_total", "Support tickets opened (severity is 'untriaged' when opened).", "severity");
        TicketsOpen = f.CreateGauge("ballotline_support_tickets_open", "Support tickets not yet resolved, by severity.", "severity");
        FeedbackResponses = f.CreateCounter("ballotline_feedback_responses_total", "Pilot feedback responses received.");
        EmailsSent = f.CreateCounter("ballotline_emails_sent_total", "Emails delivered (or stored in the local mailbox).");
        EmailsFailed = f.CreateCounter("ballotline_emails_failed_total", "Email delivery attempts that failed.");
        Participants = f.CreateGauge("ballotline_pilot_participants", "Members of the pilot groups of running elections.");
        Registered = f.CreateGauge("ballotline_pilot_registered", "Registered voters of running elections.");
        Voted = f.CreateGauge("ballotline_pilot_voted", "Voters of running elections who have cast a ballot.");
        VotingProgress = f.CreateGauge("ballotline_voting_progress", "How far through its voting window the furthest open election is (0–1).");
        ChainRecordsLost = f.CreateGauge("ballotline_chain_records_lost", "1 while the chain has lost this server's anchors and no operator has recovered the ledger, else 0.");
        VoterOrderUnerased = f.CreateGauge("ballotline_elections_voter_order_unerased", "Closed elections whose voters' order (roll, accounts, feedback in casting order) is not yet erased.");
        RpcRetries = f.CreateCounter("ballotline_chain_rpc_retries_total", "Chain calls retried after a failed attempt (each retry counted).");

        // Every labelled series an alert rule or dashboard panel reads exists from the start, at 0: rate() and
        // increase() would otherwise miss the first failures after a start.
        foreach (var kind in Enum.GetNames<Anchoring.AnchorKind>())
        {
            TransactionsSubmitted.WithLabels(kind);
            TransactionsConfirmed.WithLabels(kind);
        }

        foreach (var reason in FailureReasons)
        {
            TransactionsFailed.WithLabels(reason);
        }

        TicketsOpened.WithLabels("untriaged");
        foreach (var statusClass in new[] { "2xx", "3xx", "4xx", "5xx" })
        {
            HttpErrors.WithLabels(statusClass);
        }
    }

    /// <summary>
    /// Why a chain attempt counts as failed: reverted on chain, lost by the chain after it was recorded, or an
    /// anchoring pass that could not reach the chain while ballots waited (the same attempts transaction success counts).
    /// </summary>
    public static IReadOnlyList<string> FailureReasons { get; } = ["reverted", "lost", "unreachable"];

    /// <summary>The denominator of the live transaction-failure rate: the attempts of <see cref="Reporting.PilotRecord.ChainAttempts"/>, as they happen.</summary>
    public Counter ChainAttempts { get; }

    public Gauge ChainRecordsLost { get; }

    /// <summary>Set by each scheduler pass, after it erased what it could (Elections/VoterOrder).</summary>
    public Gauge VoterOrderUnerased { get; }

    public Counter RpcRetries { get; }

    public CollectorRegistry Registry { get; }

    public Counter VotesCast { get; }

    /// <summary>How many ballots each append transaction wrote (<see cref="Voting.BallotBoxWriter"/>).</summary>
    public Histogram CastBatchSize { get; }

    /// <summary>How long each cast waited for a check slot (<see cref="Voting.VerificationSlots"/>): the queue in front of the processors.</summary>
    public Histogram BallotCheckWaitSeconds { get; }

    public Counter BallotsStarted { get; }

    public Counter BallotsChallenged { get; }

    public Counter RegistrationsStarted { get; }

    public Counter RegistrationsCompleted { get; }

    public Counter VerificationsAttempted { get; }

    public Counter VerificationsSucceeded { get; }

    public Counter TransactionsSubmitted { get; }

    public Counter TransactionsConfirmed { get; }

    public Counter TransactionsFailed { get; }

    public Histogram ConfirmationSeconds { get; }

    public Histogram GasPerTransaction { get; }

    public Gauge GasPerBallot { get; }

    public Gauge GasPriceGwei { get; }

    public Gauge PendingTransactions { get; }

    public Gauge LatestAnchorConfirmations { get; }

    public Gauge ChainUp { get; }

    public Counter ChainErrors { get; }

    public Gauge AnchoringBacklog { get; }

    public Gauge ActiveUsers { get; }

    public Counter HttpErrors { get; }

    public Counter TicketsOpened { get; }

    public Gauge TicketsOpen { get; }

    public Counter FeedbackResponses { get; }

    public Counter EmailsSent { get; }

    public Counter EmailsFailed { get; }

    public Gauge Participants { get; }

    public Gauge Registered { get; }

    public Gauge Voted { get; }

    public Gauge VotingProgress { get; }
}
