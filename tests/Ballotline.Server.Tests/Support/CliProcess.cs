using System.Diagnostics;

namespace Ballotline.Server.Tests;

/// <summary>Runs the built <c>ballotline</c> command line, or one of the third parties' tools, as its own process, as its user would.</summary>
internal static class CliProcess
{
    /// <summary>Runs <c>ballotline</c> with <paramref name="args"/>; in <paramref name="environment"/> a null value removes the variable (e.g. a password the test's own environment has).</summary>
    public static Task<(int Exit, string Out, string Err)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunToolAsync("ballotline", environment, args);

    /// <summary>Runs the built tool <paramref name="tool"/> (<c>ballotline-trustee</c>, <c>ballotline-verify</c>) with <paramref name="args"/>.</summary>
    public static Task<(int Exit, string Out, string Err)> RunToolAsync(string tool, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunToolFromAsync(AppContext.BaseDirectory, tool, environment, args);

    /// <summary>
    /// A copy of this test project's output without <c>runtimes/</c>: no native libsecp256k1 for any platform, as on a
    /// platform the Secp256k1.Net package does not ship for. The caller deletes it.
    /// </summary>
    public static string CopyWithoutNativeLibraries()
    {
        var bare = Path.Combine(Path.GetTempPath(), $"bare-tool-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(AppContext.BaseDirectory, file);
            if (!relative.StartsWith("runtimes", StringComparison.Ordinal))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(bare, relative))!);
                File.Copy(file, Path.Combine(bare, relative));
            }
        }

        return bare;
    }

    /// <summary>Runs the tool <paramref name="tool"/> from a copy of its files in <paramref name="directory"/>.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunToolFromAsync(string directory, string tool, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, tool + ".dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
