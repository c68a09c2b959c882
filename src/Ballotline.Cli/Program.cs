using System.CommandLine;

namespace Ballotline.Cli;

/// <summary>The <c>ballotline</c> command line: deploy, report, simulate, verify, trustee, alert-rules.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Ballotline: pilot elections recorded on an Ethereum-compatible chain")
        {
            DeployCommand.Create(),
            ReportCommand.Create(),
            SimulateCommand.Create(),
            VerifyCommand.Create(),
            TrusteeCommand.Create(),
            AlertRulesCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
