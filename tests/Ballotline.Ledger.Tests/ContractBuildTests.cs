using System.Diagnostics;
using System.Text.Json;
using Ballotline.Ledger.Chain;

namespace Ballotline.Ledger.Tests;

public sealed class ContractBuildTests
{
    private static string Contracts
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ballotline.slnx")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir!.FullName, "contracts");
        }
    }

    [Fact]
    public async Task Recompiling_the_contract_with_the_pinned_solc_gives_the_committed_build()
    {
        using var node = Process.Start(new ProcessStartInfo("node", ["compile.js", "--check"])
        {
            WorkingDirectory = Contracts,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken) + await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, output);
        Assert.Contains("matches its source", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_uses_exactly_the_committed_build()
    {
        using var committed = JsonDocument.Parse(File.ReadAllText(Path.Combine(Contracts, "build", "BallotLedger.json")));
        Assert.Equal(committed.RootElement.GetProperty("bytecode").GetString(), BallotLedgerContract.Bytecode);
        Assert.Equal(committed.RootElement.GetProperty("abi").GetRawText(), BallotLedgerContract.Abi);
        Assert.StartsWith("solc-js 0.8.37", BallotLedgerContract.Compiler, StringComparison.Ordinal);
    }
}
