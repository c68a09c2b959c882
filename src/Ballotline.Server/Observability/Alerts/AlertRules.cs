using System.Globalization;

namespace Ballotline.Server.Observability.Alerts;

/// <summary>The pilot plan's alerts with the configured thresholds.</summary>
public static class AlertRules
{
    public static IReadOnlyList<AlertRule> For(AlertOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        static string N(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        static double Ratio(double part, double whole) => whole > 0 ? part / whole : part > 0 ? double.PositiveInfinity : double.NaN;
        return
        [
            new("BallotlineTransactionFailureRateHigh", AlertSeverity.Critical,
                $"More than {N(o.TransactionFailureRate * 100)}% of chain attempts failed in the last 10 minutes (reverted, lost, or the chain unreachable while ballots waited)",
                "Open Administration → the election → Chain: read the failure reasons; check the authority's balance and the fee cap (Chain:MaxFeePerGasGwei).",
                $"sum(increase(ballotline_chain_transactions_failed_total[10m])) / sum(increase(ballotline_chain_attempts_total[10m])) > {N(o.TransactionFailureRate)}",
                TimeSpan.Zero,
                i => Ratio(i.FailedTransactions10m, i.ChainAttempts10m) > o.TransactionFailureRate),
            new("BallotlineSystemErrorRateHigh", AlertSeverity.Critical,
                $"More than {N(o.SystemErrorRate * 100)}% of requests failed with a server error in the last 5 minutes",
                "Read the pilot log (logs/pilot_election.log) for errors with their correlation ids; check the database (/healthz).",
                $"sum(increase(ballotline_http_responses_total{{class=\"5xx\"}}[5m])) / sum(increase(ballotline_http_responses_total[5m])) > {N(o.SystemErrorRate)}",
                TimeSpan.Zero,
                i => Ratio(i.ServerErrors5m, i.Responses5m) > o.SystemErrorRate),
            new("BallotlineChainConnectionLost", AlertSeverity.Critical,
                "The chain has not answered for a minute",
                "Ballots are still accepted. Check the RPC endpoint (Chain:RpcUrl) and the node's status; anchoring resumes by itself.",
                "ballotline_chain_up == 0",
                TimeSpan.FromMinutes(1),
                i => i.ChainUp == 0),
            new("BallotlineChainRecordsLost", AlertSeverity.Critical,
                "The chain no longer holds anchors this server recorded as final (node reset, deep reorg, another network or the contract gone)",
                "Receipts show \"recorded, not yet on the chain\" and nothing is anchored. Read the reason on /healthz and in the audit log, fix the node, then recover the ledger: docs/operations.md, \"The chain lost its records\".",
                "ballotline_chain_records_lost > 0",
                TimeSpan.Zero,
                i => i.ChainRecordsLost > 0),
            new("BallotlineVoterOrderNotErased", AlertSeverity.Critical,
                "A closed election still has its voters' rows stored in the order they voted, which pairs voters with their encrypted ballots",
                "The server retries every 10 s and logs why it fails (\"erasing the voters' order\" in the pilot log): fix the cause (the database's disk, locks, permissions); docs/security.md.",
                "ballotline_elections_voter_order_unerased > 0",
                TimeSpan.FromMinutes(1),
                i => i.VoterOrderUnerased > 0),
            new("BallotlineGasPriceSpike", AlertSeverity.Critical,
                $"The gas price is more than {N(o.GasPriceSpikeFactor * 100)}% of its average over the last hour",
                "Anchors may wait at the fee cap; consider raising Chain:MaxFeePerGasGwei or switching the election to batched mode.",
                $"ballotline_chain_gas_price_gwei > {N(o.GasPriceSpikeFactor)} * avg_over_time(ballotline_chain_gas_price_gwei[1h])",
                TimeSpan.Zero,
                i => i.GasPriceAverage1h > 0 && i.GasPriceGwei > o.GasPriceSpikeFactor * i.GasPriceAverage1h),
            new("BallotlineTransactionsSlow", AlertSeverity.Warning,
                $"Ballots took more than {N(o.TransactionSeconds)} s on average from cast to the chain in the last 10 minutes",
                "Check the chain's congestion and the batch interval (Chain:BatchSeconds); stuck transactions are replaced automatically.",
                $"sum(increase(ballotline_chain_confirmation_seconds_sum[10m])) / sum(increase(ballotline_chain_confirmation_seconds_count[10m])) > {N(o.TransactionSeconds)}",
                TimeSpan.Zero,
                i => Ratio(i.ConfirmationSecondsSum10m, i.ConfirmationCount10m) > o.TransactionSeconds),
            new("BallotlineSupportTicketRateHigh", AlertSeverity.Warning,
                $"Support tickets exceed {N(o.SupportTicketRate * 100)}% of the pilot's participants",
                "Read the open tickets for a common cause; post a notice or an FAQ entry.",
                $"sum(ballotline_support_tickets_opened_total) / sum(ballotline_pilot_participants) > {N(o.SupportTicketRate)}",
                TimeSpan.Zero,
                i => Ratio(i.TicketsOpened, i.Participants) > o.SupportTicketRate),
            new("BallotlineVoteCompletionLow", AlertSeverity.Warning,
                $"Fewer than {N(o.MinimumCompletion * 100)}% of registered voters have voted, {N(o.CompletionCheckAfter * 100)}% into the voting window",
                "Send a reminder to registered voters who have not voted; check the support tickets for obstacles.",
                $"(sum(ballotline_pilot_voted) / sum(ballotline_pilot_registered) < {N(o.MinimumCompletion)}) and on() (max(ballotline_voting_progress) >= {N(o.CompletionCheckAfter)})",
                TimeSpan.Zero,
                i => i.Registered > 0 && i.Voted / i.Registered < o.MinimumCompletion && i.VotingProgress >= o.CompletionCheckAfter),
        ];
    }
}
