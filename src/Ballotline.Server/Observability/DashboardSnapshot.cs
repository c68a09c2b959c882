using Ballotline.Reporting;

namespace Ballotline.Server.Observability;

/// <summary>
/// What the live admin dashboard shows for one election, computed from the database and the metrics: Election is
/// the one the figures are for (null when none has left its draft), Elections every one that has, latest voting
/// first, for the picker.
/// </summary>
public sealed record DashboardSnapshot(
    DateTimeOffset At,
    DashboardElection? Election,
    IReadOnlyList<DashboardElection> Elections,
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

public sealed record DashboardElection(Guid Id, string Title, string State, DateTimeOffset VotingOpensAt);


public sealed record FiringAlert(string Name, string Severity, string Summary, string FirstAction, DateTimeOffset? Since);
