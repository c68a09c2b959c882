using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Ballotline.Testing;

/// <summary>
/// A fresh Anvil node (npm @foundry-rs/anvil, installed by ./test.sh into contracts/node_modules) on
/// 127.0.0.1 for one test class, stopped by the PID of the anvil binary itself.
/// </summary>
public class AnvilNode : IAsyncLifetime
{
    // Anvil's well-known development keys (public test keys, never used outside a local node).
    public const string AuthorityKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public const string OtherKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    public const int ChainId = 31337;

    private Process? _process;

    public string RpcUrl { get; private set; } = string.Empty;

    public int Port { get; private set; }

    /// <summary>Mining options: automine by default; subclasses mine on a timer or only on request.</summary>
    protected virtual IEnumerable<string> MiningArguments => [];

    public static string BinaryPath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("BALLOTLINE_ANVIL");
            if (!string.IsNullOrEmpty(configured))
            {
                return configured;
            }

            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ballotline.slnx")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? ".", "contracts", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
        }
    }

    public Web3 Web3For(string privateKey) => new(new Account(privateKey, ChainId), RpcUrl);

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BinaryPath))
        {
            throw new InvalidOperationException($"Anvil is not at {BinaryPath}: run ./test.sh (it runs npm ci in contracts/).");
        }

        Port = FreePort();
        RpcUrl = $"http://127.0.0.1:{Port}";
        await StartAsync();
    }

    /// <summary>Where <see cref="StopGracefullyAsync"/> saves the chain and <see cref="RestartAsync"/> can load it from.</summary>
    private string StatePath => Path.Combine(Path.GetTempPath(), $"ballotline-anvil-{Port}.json");

    /// <summary>kill -9: the node dies where it stands, keeping nothing.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
    }

    /// <summary>SIGINT: the node saves its whole chain state to a file before it exits.</summary>
    public async Task StopGracefullyAsync()
    {
        if (_process is not { HasExited: false })
        {
            return;
        }

        using (var signal = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal!.WaitForExitAsync();
        }

        if (!_process.WaitForExit(10_000))
        {
            throw new TimeoutException("Anvil did not stop on SIGINT within 10 s.");
        }
    }

    /// <summary>Starts the node again on the same port: empty (a node that lost its state), or from the state it saved when stopped gracefully.</summary>
    public Task RestartAsync(bool withState)
    {
        if (!withState)
        {
            File.Delete(StatePath);
        }

        return StartAsync();
    }

    private async Task StartAsync()
    {
        _process?.Dispose();
        _process = Process.Start(new ProcessStartInfo(BinaryPath, ["--host", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--chain-id", ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--state", StatePath, .. MiningArguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Anvil did not start.");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await new Web3(RpcUrl).Eth.ChainId.SendRequestAsync();
                return;
            }
            catch (Exception e) when (e is HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException or TaskCanceledException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("Anvil did not answer within 30 s.");
    }

    /// <summary>Sends a raw JSON-RPC call (anvil_*, evm_* test methods).</summary>
    public async Task<T> CallAsync<T>(string method, params object[] parameters) =>
        await new Web3(RpcUrl).Client.SendRequestAsync<T>(method, null, parameters);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Kill();
        _process?.Dispose();
        File.Delete(StatePath);
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Anvil mining a block every second, so confirmations accumulate.</summary>
public sealed class BlockTimeAnvilNode : AnvilNode
{
    protected override IEnumerable<string> MiningArguments => ["--block-time", "1"];
}

/// <summary>Anvil that mines only when asked (evm_mine), to hold transactions in the pool.</summary>
public sealed class ManualAnvilNode : AnvilNode
{
    protected override IEnumerable<string> MiningArguments => ["--no-mining"];
}
