using System.CommandLine;
using Ballotline.Ledger.Chain;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Ballotline.Cli;

/// <summary>
/// <c>ballotline deploy --rpc URL --chain-id N</c>: deploys BallotLedger with the authority key from the
/// environment (BALLOTLINE_AUTHORITY_KEY) or a key file, and prints the contract address to put in
/// <c>Chain:ContractAddress</c>. The key is never printed.
/// </summary>
internal static class DeployCommand
{
    public static Command Create()
    {
        var rpc = new Option<string>("--rpc") { Description = "JSON-RPC endpoint of the chain, e.g. https://rpc-amoy.polygon.technology", Required = true };
        var chainId = new Option<long>("--chain-id") { Description = "The chain's id (Polygon Amoy: 80002)", Required = true };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "File holding the authority's private key (otherwise BALLOTLINE_AUTHORITY_KEY)" };
        var command = new Command("deploy", "Deploy the BallotLedger contract and print its address") { rpc, chainId, keyFile };
        command.SetAction(async (result, ct) =>
        {
            var key = result.GetValue(keyFile) is { } file
                ? (await File.ReadAllTextAsync(file.FullName, ct)).Trim()
                : Environment.GetEnvironmentVariable("BALLOTLINE_AUTHORITY_KEY");
            if (string.IsNullOrWhiteSpace(key))
            {
                await Console.Error.WriteLineAsync("No authority key: set BALLOTLINE_AUTHORITY_KEY or pass --key-file.");
                return 2;
            }

            if (!Uri.TryCreate(result.GetValue(rpc), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync($"--rpc must be an http(s) URL, not '{result.GetValue(rpc)}'.");
                return 2;
            }

            Account account;
            try
            {
                account = new Account(key.Trim(), result.GetValue(chainId));
            }
            catch (FormatException)
            {
                await Console.Error.WriteLineAsync("The authority key is not a hex private key (64 hex digits, optionally 0x-prefixed).");
                return 2;
            }

            var web3 = new Web3(account, endpoint.ToString());
            Console.Error.WriteLine($"Deploying BallotLedger ({BallotLedgerContract.Compiler}) from {account.Address} on chain {result.GetValue(chainId)}…");
            try
            {
                var actualChainId = (long)(await web3.Eth.ChainId.SendRequestAsync()).Value;
                if (actualChainId != result.GetValue(chainId))
                {
                    await Console.Error.WriteLineAsync($"The endpoint is chain {actualChainId}, not {result.GetValue(chainId)}: nothing was deployed.");
                    return 2;
                }

                var address = await LedgerChain.DeployAsync(web3, ct);
                Console.WriteLine(address);
                return 0;
            }
            catch (Exception e) when (e is HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException or Nethereum.JsonRpc.Client.RpcResponseException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync("Deployment failed: " + e.Message);
                return 1;
            }
        });
        return command;
    }
}
