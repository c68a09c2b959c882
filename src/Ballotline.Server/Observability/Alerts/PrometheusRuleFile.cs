using System.Globalization;
using System.Text;

namespace Ballotline.Server.Observability.Alerts;

/// <summary>Writes the alert definitions as a Prometheus alerting-rules file (deploy/prometheus/ballotline-alerts.yml).</summary>
public static class PrometheusRuleFile
{
    public static string Render(IReadOnlyList<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var yaml = new StringBuilder();
        yaml.Append("# Generated from src/Ballotline.Server/Observability/Alerts/AlertRules.cs — do not edit by hand.\n");
        yaml.Append("# Regenerate: dotnet run --project src/Ballotline.Cli -- alert-rules --output deploy/prometheus/ballotline-alerts.yml\n");
        yaml.Append("groups:\n  - name: ballotline-pilot\n    rules:\n");
        foreach (var rule in rules)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - alert: {rule.Name}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"        expr: {Quote(rule.Expression)}\n");
            if (rule.For > TimeSpan.Zero)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"        for: {(int)rule.For.TotalSeconds}s\n");
            }

            yaml.Append(CultureInfo.InvariantCulture, $"        labels:\n          severity: {rule.Severity.ToString().ToLowerInvariant()}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"        annotations:\n          summary: {Quote(rule.Summary)}\n          first_action: {Quote(rule.FirstAction)}\n");
        }

        return yaml.ToString();
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
