using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ballotline.Server.Observability.Alerts;

namespace Ballotline.Server.Tests.Observability;

/// <summary>
/// The Prometheus rules file is generated from the same definitions as the in-app evaluator; promtool (Debian's
/// prometheus package, installed by ./test.sh) checks it and runs a firing and a quiet case for every alert.
/// </summary>
public sealed class AlertRuleTests
{
    private static readonly IReadOnlyList<AlertRule> Rules = AlertRules.For(new AlertOptions());

    private static string RulesPath => Path.Combine(RepositoryRoot(), "deploy", "prometheus", "ballotline-alerts.yml");

    // For each alert: input series (1-minute samples) that must make it fire, and series that must not.
    private static readonly Dictionary<string, (string[] Firing, string[] Quiet, string At)> Scenarios = new()
    {
        ["BallotlineTransactionFailureRateHigh"] = (
            ["ballotline_chain_transactions_failed_total{reason=\"unreachable\"}|0+1x20", "ballotline_chain_attempts_total|0+10x20"],
            ["ballotline_chain_transactions_failed_total{reason=\"unreachable\"}|0+0x20", "ballotline_chain_attempts_total|0+10x20"], "15m"),
        ["BallotlineSystemErrorRateHigh"] = (
            ["ballotline_http_responses_total{class=\"5xx\"}|0+2x20", "ballotline_http_responses_total{class=\"2xx\"}|0+100x20"],
            ["ballotline_http_responses_total{class=\"5xx\"}|0+0x20", "ballotline_http_responses_total{class=\"2xx\"}|0+100x20"], "15m"),
        ["BallotlineChainConnectionLost"] = (["ballotline_chain_up|0x10"], ["ballotline_chain_up|1x10"], "5m"),
        ["BallotlineChainRecordsLost"] = (["ballotline_chain_records_lost|1x10"], ["ballotline_chain_records_lost|0x10"], "5m"),
        ["BallotlineVoterOrderNotErased"] = (["ballotline_elections_voter_order_unerased|1x10"], ["ballotline_elections_voter_order_unerased|0x10"], "5m"),
        ["BallotlineGasPriceSpike"] = (["ballotline_chain_gas_price_gwei|10x50 30x10"], ["ballotline_chain_gas_price_gwei|10x60"], "55m"),
        ["BallotlineTransactionsSlow"] = (
            ["ballotline_chain_confirmation_seconds_sum|0+100x20", "ballotline_chain_confirmation_seconds_count|0+1x20"],
            ["ballotline_chain_confirmation_seconds_sum|0+10x20", "ballotline_chain_confirmation_seconds_count|0+1x20"], "15m"),
        ["BallotlineSupportTicketRateHigh"] = (
            ["ballotline_support_tickets_opened_total{severity=\"3\"}|15x10", "ballotline_pilot_participants|100x10"],
            ["ballotline_support_tickets_opened_total{severity=\"3\"}|5x10", "ballotline_pilot_participants|100x10"], "5m"),
        ["BallotlineVoteCompletionLow"] = (
            ["ballotline_pilot_voted|50x10", "ballotline_pilot_registered|100x10", "ballotline_voting_progress|0.8x10"],
            ["ballotline_pilot_voted|50x10", "ballotline_pilot_registered|100x10", "ballotline_voting_progress|0.5x10"], "5m"),
    };

    private static string RepositoryRoot() => RepositoryPaths.Root;

    private static async Task<(int Exit, string Output)> PromtoolAsync(params string[] args)
    {
        var promtool = Environment.GetEnvironmentVariable("BALLOTLINE_PROMTOOL") ?? "/usr/bin/promtool";
        Assert.True(File.Exists(promtool), $"promtool is not at {promtool}: run ./test.sh, which installs Debian's prometheus package.");
        using var process = Process.Start(new ProcessStartInfo(promtool, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [Fact]
    public void The_committed_rules_file_is_generated_from_the_alert_definitions()
    {
        Assert.Equal(PrometheusRuleFile.Render(Rules), File.ReadAllText(RulesPath));
        Assert.Equal(Scenarios.Keys.Order(), Rules.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task Promtool_accepts_the_rules_file()
    {
        var (exit, output) = await PromtoolAsync("check", "rules", RulesPath);
        Assert.True(exit == 0, output);
        Assert.Contains($"SUCCESS: {Server.Observability.Alerts.AlertRules.For(new Server.Observability.Alerts.AlertOptions()).Count} rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_alert_fires_on_its_scenario_and_stays_quiet_otherwise_in_promtool()
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"rule_files:\n  - {RulesPath}\nevaluation_interval: 1m\ntests:\n");
        foreach (var rule in Rules)
        {
            var (firing, quiet, at) = Scenarios[rule.Name];
            foreach (var (series, fires) in new[] { (firing, true), (quiet, false) })
            {
                yaml.Append("  - interval: 1m\n    input_series:\n");
                foreach (var s in series)
                {
                    var parts = s.Split('|');
                    yaml.Append(CultureInfo.InvariantCulture, $"      - series: '{parts[0]}'\n        values: '{parts[1]}'\n");
                }

                yaml.Append(CultureInfo.InvariantCulture, $"    alert_rule_test:\n      - eval_time: {at}\n        alertname: {rule.Name}\n        exp_alerts:");
                if (fires)
                {
                    yaml.Append(CultureInfo.InvariantCulture, $"\n          - exp_labels:\n              severity: {rule.Severity.ToString().ToLowerInvariant()}\n            exp_annotations:\n");
                    yaml.Append(CultureInfo.InvariantCulture, $"              summary: '{rule.Summary.Replace("'", "''", StringComparison.Ordinal)}'\n              first_action: '{rule.FirstAction.Replace("'", "''", StringComparison.Ordinal)}'\n");
                }
                else
                {
                    yaml.Append(" []\n");
                }
            }
        }

        var path = Path.Combine(Path.GetTempPath(), $"ballotline-alerts-{Guid.NewGuid():N}.test.yml");
        await File.WriteAllTextAsync(path, yaml.ToString());
        var (exit, output) = await PromtoolAsync("test", "rules", path);
        Assert.True(exit == 0, output + "\n" + yaml);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }
}
