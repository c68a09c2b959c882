using Ballotline.Reporting;

namespace Ballotline.Server.Observability;

/// <summary>What the live admin dashboard shows, computed from the database and the metrics.</summary>
public sealed record DashboardSnapshot(
    DateTimeOffset At,
    IReadOnlyList<HourCount> VotesPerHour,
    double? TransactionSuccessRate,
    double? AverageTransactionSeconds,
    double? GasPerBallot,
    double? LatencyP50Milliseconds,
    double? LatencyP95Milliseconds,
    double? ErrorRate,
    IReadOnlyList<FunnelStep> Funnel,
    IReadOnlyDictionary<string, int> OpenTicketsBySeverity,
    IReadOnlyList<FiringAlert> FiringAlerts,
    bool ChainConnected,
    long AnchoringBacklog);

public sealed record HourCount(DateTimeOffset Hour, int Votes);


public sealed record FiringAlert(string Name, string Severity, string Summary, string FirstAction, DateTimeOffset? Since);
