namespace Ballotline.Server.Observability.Alerts;

/// <summary>
/// One alert, defined once: its PromQL (for the generated Prometheus rules file) and the same condition over
/// <see cref="AlertInputs"/> (for the in-app evaluator), plus what it means and the first thing to do.
/// </summary>
public sealed record AlertRule(
    string Name,
    AlertSeverity Severity,
    string Summary,
    string FirstAction,
    string Expression,
    TimeSpan For,
    Func<AlertInputs, bool> IsFiring);
