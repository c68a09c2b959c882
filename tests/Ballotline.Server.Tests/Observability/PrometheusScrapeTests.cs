using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ballotline.Server.Tests.Observability;

/// <summary>
/// A real Prometheus (Debian's package) scrapes a freshly started server: every series that an alert rule or a
/// Grafana panel reads exists from the first scrape, before anything has happened — a labelled counter that
/// appeared only on its first increment would make rate() miss the first failures after a start.
/// </summary>
public sealed partial class PrometheusScrapeTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Ballotline.slnx")))
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }

    [GeneratedRegex("ballotline_[a-z0-9_]+")]
    private static partial Regex SeriesName();

    [Fact]
    public async Task Every_series_the_alert_rules_and_the_dashboard_query_exists_on_a_fresh_server()
    {
        var prometheusBinary = Environment.GetEnvironmentVariable("BALLOTLINE_PROMETHEUS") ?? "/usr/bin/prometheus";
        Assert.True(File.Exists(prometheusBinary), $"Prometheus is not at {prometheusBinary}: run ./test.sh, which installs Debian's prometheus package.");

        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();

        var directory = Path.Combine(app.DataDirectory, "prometheus");
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - {Path.Combine(Root(), "deploy", "prometheus", "ballotline-alerts.yml")}\n"
            + $"scrape_configs:\n  - job_name: ballotline\n    static_configs:\n      - targets: ['127.0.0.1:{port}']\n");
        var prometheusPort = Ports.Free();
        using var prometheus = Process.Start(new ProcessStartInfo(prometheusBinary, ["--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(directory, "data"),
            $"--web.listen-address=127.0.0.1:{prometheusPort}"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        prometheus.OutputDataReceived += (_, _) => { };
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{prometheusPort}") };
            async Task<int> SeriesAsync(string query)
            {
                var answer = await client.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(query)}");
                return answer.GetProperty("data").GetProperty("result").GetArrayLength();
            }

            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    return await SeriesAsync("up{job=\"ballotline\"} == 1") == 1;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "Prometheus has scraped the server", 60);

            // Every rule of the rules file is loaded and, once evaluated, healthy.
            async Task<List<JsonElement>> RulesAsync() => [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/rules")).GetProperty("data").GetProperty("groups")
                .EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray())];
            await Eventually.HoldsAsync(async () => (await RulesAsync()).All(r => r.GetProperty("health").GetString() != "unknown"), "every rule has been evaluated", 60);
            var loaded = await RulesAsync();
            Assert.Equal(Ballotline.Server.Observability.Alerts.AlertRules.For(new()).Count, loaded.Count);
            Assert.All(loaded, r => Assert.Equal("ok", r.GetProperty("health").GetString()));

            // Every series named in a rule or a dashboard panel has data on the fresh server.
            var dashboard = await File.ReadAllTextAsync(Path.Combine(Root(), "deploy", "grafana", "dashboards", "ballotline-pilot.json"));
            var names = SeriesName().Matches(await File.ReadAllTextAsync(Path.Combine(Root(), "deploy", "prometheus", "ballotline-alerts.yml")) + dashboard)
                .Select(m => m.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            Assert.Contains("ballotline_chain_transactions_failed_total", names);
            var missing = new List<string>();
            foreach (var name in names)
            {
                if (await SeriesAsync(name) == 0)
                {
                    missing.Add(name);
                }
            }

            Assert.True(missing.Count == 0, "no data on a fresh server for: " + string.Join(", ", missing));
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
        }
    }
}
