using System.CommandLine;
using Ballotline.Server.Observability.Alerts;
using Microsoft.Extensions.Configuration;

namespace Ballotline.Cli;

/// <summary>
/// <c>ballotline alert-rules --output FILE [--settings appsettings.json]</c>: writes the Prometheus rules file from the
/// same definitions the server's own alert evaluator uses, with the thresholds of the settings' <c>Alerts</c>
/// section (the plan's defaults without one). The committed <c>deploy/prometheus/ballotline-alerts.yml</c> is this
/// command's output with the defaults.
/// </summary>
internal static class AlertRulesCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--output") { Description = "Where to write the rules file, e.g. deploy/prometheus/ballotline-alerts.yml", Required = true };
        var settings = new Option<FileInfo?>("--settings") { Description = "A server settings file (appsettings.json) whose Alerts section sets the thresholds" };
        var command = new Command("alert-rules", "Write the Prometheus alert rules (the thresholds the server alerts on)") { output, settings };
        command.SetAction(async (result, ct) =>
        {
            var options = new AlertOptions();
            if (result.GetValue(settings) is { } file)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"No settings file at {file.FullName}.");
                    return 2;
                }

                new ConfigurationBuilder().AddJsonFile(file.FullName).Build().GetSection(AlertOptions.Section).Bind(options);
            }

            var target = result.GetValue(output)!;
            await File.WriteAllTextAsync(target.FullName, PrometheusRuleFile.Render(AlertRules.For(options)), ct);
            Console.WriteLine($"Wrote {target.FullName}");
            return 0;
        });
        return command;
    }
}
