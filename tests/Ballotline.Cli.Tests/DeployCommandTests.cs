using System.Diagnostics;
using Ballotline.Testing;
using Nethereum.Web3;

namespace Ballotline.Cli.Tests;

public sealed class DeployCommandTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(IDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ballotline.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output.Trim(), error);
    }

    [Fact]
    public async Task Deploy_prints_the_address_of_a_contract_that_exists_on_the_chain_and_never_the_key()
    {
        var (exit, output, error) = await RunAsync(new Dictionary<string, string> { ["BALLOTLINE_AUTHORITY_KEY"] = AnvilNode.AuthorityKey },
            "deploy", "--rpc", anvil.RpcUrl, "--chain-id", "31337");
        Assert.Equal(0, exit);
        Assert.Matches("^0x[0-9a-fA-F]{40}$", output);
        var code = await new Web3(anvil.RpcUrl).Eth.GetCode.SendRequestAsync(output);
        Assert.True(code.Length > 100);
        Assert.DoesNotContain(AnvilNode.AuthorityKey[2..], output + error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deploy_refuses_a_missing_key_or_the_wrong_chain_with_a_clear_message()
    {
        var noKey = await RunAsync(new Dictionary<string, string> { ["BALLOTLINE_AUTHORITY_KEY"] = string.Empty }, "deploy", "--rpc", anvil.RpcUrl, "--chain-id", "31337");
        Assert.Equal(2, noKey.Exit);
        Assert.Contains("No authority key", noKey.Err, StringComparison.Ordinal);
        var wrongChain = await RunAsync(new Dictionary<string, string> { ["BALLOTLINE_AUTHORITY_KEY"] = AnvilNode.AuthorityKey }, "deploy", "--rpc", anvil.RpcUrl, "--chain-id", "80002");
        Assert.Equal(2, wrongChain.Exit);
        Assert.Contains("not 80002", wrongChain.Err, StringComparison.Ordinal);
        var missing = await RunAsync(new Dictionary<string, string>(), "deploy");
        Assert.NotEqual(0, missing.Exit);
        Assert.Contains("--rpc", missing.Err, StringComparison.Ordinal);
    }
}
