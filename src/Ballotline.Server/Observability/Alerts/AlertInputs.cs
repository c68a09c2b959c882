namespace Ballotline.Server.Observability.Alerts;

/// <summary>The values the alert expressions read, computed in-app the way Prometheus computes them.</summary>
public sealed record AlertInputs(
    double FailedTransactions10m,
    double ChainAttempts10m,
    double ServerErrors5m,
    double Responses5m,
    double ChainUp,
    double GasPriceGwei,
    double GasPriceAverage1h,
    double ConfirmationSecondsSum10m,
    double ConfirmationCount10m,
    double TicketsOpened,
    double Participants,
    double Registered,
    double Voted,
    double VotingProgress,
    double ChainRecordsLost = 0,
    double VoterOrderUnerased = 0);
