using System.Diagnostics;

namespace Ballotline.Cli.Tests;

/// <summary><c>ballotline alert-rules</c>: the committed Prometheus rules are its output, and a settings file's thresholds change them.</summary>
public sealed class AlertRulesCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ballotline-rules-").FullName;

    private static string Committed => Path.Combine(RepositoryRoot(), "deploy", "prometheus", "ballotline-alerts.yml");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ballotline.slnx")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }

    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ballotline.dll"), .. args]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _ = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, error);
    }

    [Fact]
    public async Task The_committed_rules_are_the_commands_output_and_a_settings_file_changes_the_thresholds()
    {
        var defaults = Path.Combine(_directory, "defaults.yml");
        Assert.Equal(0, (await RunAsync("alert-rules", "--output", defaults)).Exit);
        Assert.Equal(await File.ReadAllTextAsync(Committed), await File.ReadAllTextAsync(defaults));

        var settings = Path.Combine(_directory, "appsettings.json");
        await File.WriteAllTextAsync(settings, """{ "Alerts": { "TransactionFailureRate": 0.02 } }""");
        var strict = Path.Combine(_directory, "strict.yml");
        Assert.Equal(0, (await RunAsync("alert-rules", "--output", strict, "--settings", settings)).Exit);
        var text = await File.ReadAllTextAsync(strict);
        Assert.Contains("> 0.02", text, StringComparison.Ordinal);
        Assert.DoesNotContain("> 0.05", text, StringComparison.Ordinal);

        var (exit, error) = await RunAsync("alert-rules", "--output", strict, "--settings", Path.Combine(_directory, "missing.json"));
        Assert.Equal(2, exit);
        Assert.Contains("No settings file", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
