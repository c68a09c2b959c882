using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ballotline.Server.Tests.Anchoring;

namespace Ballotline.Server.Tests.Startup;

/// <summary>The files in deploy/ match what the server exports and pass Prometheus's own checks.</summary>
public sealed partial class DeploymentFilesTests
{
    private static string Root() => RepositoryPaths.Root;

    [Fact]
    public async Task Every_grafana_panel_queries_metrics_the_server_exports()
    {
        await using var app = new BallotlineApp();
        await AnchoringTests.CastAsync(app, "grafana", 1);
        await app.CreateClient().GetAsync("/api/elections/none/result");
        var exported = (await app.CreateClient().GetStringAsync("/metrics")).Split('\n')
            .Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet(StringComparer.Ordinal);

        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Root(), "deploy", "grafana", "dashboards", "ballotline-pilot.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.True(panels.Count >= 15);
        foreach (var panel in panels)
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                var expr = target.GetProperty("expr").GetString()!;
                var names = MetricName().Matches(expr).Select(m => m.Value).Where(n => !PromQlWords.Contains(n)).ToList();
                Assert.NotEmpty(names);
                foreach (var name in names)
                {
                    var family = Regex.Replace(name, "_(bucket|sum|count)$", string.Empty);
                    Assert.True(exported.Contains(name) || exported.Contains(family), $"Panel '{panel.GetProperty("title").GetString()}' queries {name}, which /metrics does not export.");
                }
            }
        }

        var rows = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() == "row").Select(p => p.GetProperty("title").GetString());
        Assert.Equal(["System", "Users", "Blockchain"], rows);
    }

    [Fact]
    public async Task Promtool_accepts_the_scrape_configuration()
    {
        var promtool = Environment.GetEnvironmentVariable("BALLOTLINE_PROMTOOL") ?? "/usr/bin/promtool";
        using var process = Process.Start(new ProcessStartInfo(promtool, ["check", "config", Path.Combine(Root(), "deploy", "prometheus", "prometheus.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, output);
    }

    private static readonly HashSet<string> PromQlWords = new(StringComparer.Ordinal)
    {
        "sum", "rate", "increase", "histogram_quantile", "by", "le", "avg_over_time", "max", "min", "class", "reason", "severity", "on",
    };

    [GeneratedRegex("[a-z_][a-z0-9_]*(?=[\\[{)\\s]|$)")]
    private static partial Regex MetricName();
}
