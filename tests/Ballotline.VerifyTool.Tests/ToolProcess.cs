using System.Diagnostics;

namespace Ballotline.VerifyTool.Tests;

/// <summary>Runs the built <c>ballotline-verify</c> as its own process, as a stranger would, and the repository's committed records.</summary>
internal static class ToolProcess
{
    public static string Records { get; } = Path.Combine(Root(), "tests", "vectors", "records");

    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ballotline-verify.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ballotline.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Ballotline.slnx) is not above the test's directory.");
    }
}
