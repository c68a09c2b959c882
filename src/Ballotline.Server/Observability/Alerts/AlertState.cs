namespace Ballotline.Server.Observability.Alerts;

/// <summary>An alert as the evaluator last saw it.</summary>
public sealed record AlertState(AlertRule Rule, bool Firing, DateTimeOffset? Since);
