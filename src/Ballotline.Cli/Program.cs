using System.CommandLine;
using Ballotline.Cli;

var root = new RootCommand("Ballotline: pilot elections recorded on an Ethereum-compatible chain")
{
    DeployCommand.Create(),
    ReportCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
