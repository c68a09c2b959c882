namespace Ballotline.Server.Observability.Alerts;

public enum AlertSeverity
{
    Critical,
    Warning,
}
