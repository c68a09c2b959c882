using System.CommandLine;

namespace Ballotline.Cli;

/// <summary>The <c>ballotline</c> command line: deploy, report, simulate, alert-rules. Verifying
/// a record and a trustee's part are their own tools (<c>ballotline-verify</c>, <c>ballotline-trustee</c>), without the server.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Ballotline: pilot elections recorded on an Ethereum-compatible chain")
        {
            DeployCommand.Create(),
            ReportCommand.Create(),
            SimulateCommand.Create(),
            AlertRulesCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
