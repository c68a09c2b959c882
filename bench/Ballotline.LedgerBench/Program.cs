using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Security.Cryptography;
using Ballotline.Ledger.Chain;
using Ballotline.Ledger.Embedded;
using Ballotline.Ledger.Log;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

// Gas per ballot on a real node (Anvil from npm) and on the embedded EVM, for the two recording modes:
// one transaction per ballot, and one anchor per 100 or 1,000 ballots. Every anchor carries a real RFC 9162
// root of real-looking leaves (SHA-256 tracking codes). Usage:
//   dotnet run -c Release --project bench/Ballotline.LedgerBench [-- --anvil PATH] [--gwei 30]
const string AuthorityKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"; // Anvil's public test key
var gwei = args.SkipWhile(a => a != "--gwei").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(30);
var anvilPath = args.SkipWhile(a => a != "--anvil").Skip(1).FirstOrDefault()
    ?? Environment.GetEnvironmentVariable("BALLOTLINE_ANVIL")
    ?? Path.Combine(FindRoot(), "contracts", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

var leaves = Enumerable.Range(0, 3000).Select(i => MerkleTree.LeafHash(SHA256.HashData(BitConverter.GetBytes(i)))).ToList();
var port = FreePort();
using var anvil = Process.Start(new ProcessStartInfo(anvilPath, ["--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--silent"]) { RedirectStandardOutput = true })!;
try
{
    await Task.Delay(1500);
    var onAnvil = await MeasureAsync("Anvil 1.7.1", new Web3(new Account(AuthorityKey, 31337), $"http://127.0.0.1:{port}"));
    var directory = Path.Combine(Path.GetTempPath(), "ballotline-ledger-bench", Guid.NewGuid().ToString("N"));
    using var embedded = await EmbeddedChain.OpenAsync(directory, [new Account(AuthorityKey).Address]);
    var onEmbedded = await MeasureAsync("embedded EVM", new Web3(new Account(AuthorityKey, EmbeddedChain.DefaultChainId), new EmbeddedRpcClient(new EmbeddedRpc(embedded))));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Mode | gas per ballot (Anvil) | gas per ballot (embedded) | vs per-ballot | fee per ballot at {gwei} gwei (POL) |"));
    Console.WriteLine("|---|---:|---:|---:|---:|");
    foreach (var (mode, gas) in onAnvil)
    {
        var ratio = onAnvil["per ballot"] / gas;
        var fee = gas * gwei / 1e9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {mode} | {gas:F1} | {onEmbedded[mode]:F1} | 1/{ratio:F0} | {fee:F9} |"));
    }
}
finally
{
    anvil.Kill(entireProcessTree: true);
}

async Task<Dictionary<string, double>> MeasureAsync(string name, Web3 web3)
{
    var ledger = new LedgerChain(web3, await LedgerChain.DeployAsync(web3));
    var results = new Dictionary<string, double>();
    foreach (var (mode, step, ballots) in new[] { ("per ballot", 1, 100), ("batched, 100 per anchor", 100, 2000), ("batched, 1,000 per anchor", 1000, 3000) })
    {
        var election = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(mode)); // same calldata on both chains
        await ledger.OpenElectionAsync(election, SHA256.HashData(election));
        BigInteger total = 0;
        var clock = Stopwatch.StartNew();
        for (var size = step; size <= ballots; size += step)
        {
            total += (await ledger.AnchorAsync(election, size, MerkleTree.Root(leaves, size))).GasUsed.Value;
        }

        results[mode] = (double)total / ballots;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {mode}: {ballots} ballots, {ballots / step} anchors, {(double)total / ballots:F1} gas per ballot ({clock.Elapsed.TotalSeconds:F1} s)"));
    }

    return results;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Ballotline.slnx")))
        {
            return dir.FullName;
        }
    }

    return ".";
}
