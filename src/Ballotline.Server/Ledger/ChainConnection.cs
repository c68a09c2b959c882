using System.Security.Cryptography;
using Ballotline.Ledger.Chain;
using Ballotline.Ledger.Embedded;
using Ballotline.Ledger.Faults;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Microsoft.Extensions.Options;
using Nethereum.JsonRpc.Client;
using Nethereum.Signer;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Ballotline.Server.Ledger;

/// <summary>
/// The configured chain: a Nethereum client signing as the authority, and a read-only one. For the embedded
/// chain both talk to the in-process EVM; its authority key is created once in the data directory unless one
/// is configured.
/// </summary>
public sealed class ChainConnection : IDisposable
{
    private readonly Web3? _signer;

    /// <summary>Connects to the configured chain; <paramref name="faults"/> are injected between the server and its node by rehearsals (<c>ballotline simulate</c>), never in a real pilot.</summary>
    public ChainConnection(IOptions<LedgerOptions> options, IOptions<DatabaseOptions> database, TimeProvider clock, Observability.PilotMetrics metrics, ChainFaults? faults = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        Options = options.Value;
        if (!Options.Enabled)
        {
            Reader = new Web3("http://127.0.0.1:1");
            return;
        }

        if (Options.IsEmbedded)
        {
            var directory = Path.Combine(database.Value.DataDirectory, "chain");
            var key = ReadAuthorityKey(Options) ?? EmbeddedAuthorityKey(directory);
            var account = new Account(key, EmbeddedChain.DefaultChainId);
            Embedded = EmbeddedChain.OpenAsync(directory, [account.Address], EmbeddedChain.DefaultChainId, clock).GetAwaiter().GetResult();
            Options.ChainId = EmbeddedChain.DefaultChainId;

            // One block per transaction and no other miner: a mined transaction is final at once.
            Options.Confirmations = 1;
            var rpc = new EmbeddedRpc(Embedded);
            _signer = new Web3(account, Client(new EmbeddedRpcClient(rpc), faults, metrics));
            Reader = new Web3(Client(new EmbeddedRpcClient(rpc), faults, metrics));
            return;
        }

        _signer = new Web3(new Account(ReadAuthorityKey(Options)
            ?? throw new InvalidOperationException($"No chain authority key: set the environment variable {Options.AuthorityKeyVariable} or Chain:AuthorityKeyFile."), Options.ChainId),
            Client(new RpcClient(new Uri(Options.RpcUrl!)), faults, metrics));
        Reader = new Web3(Client(new RpcClient(new Uri(Options.RpcUrl!)), faults, metrics));
    }

    /// <summary>
    /// The node's client as the server uses it: rehearsal faults (if any) sit between the server and the node, and
    /// every call is retried with backoff and jitter on the server's side of them, as it would be against a real flaky node.
    /// </summary>
    private RetryingRpcClient Client(ClientBase node, ChainFaults? faults, Observability.PilotMetrics metrics) =>
        new RetryingRpcClient(faults is null ? node : new FaultyRpcClient(node, faults), Options.RpcAttempts, _ => metrics.RpcRetries.Inc());

    public LedgerOptions Options { get; }

    /// <summary>The in-process chain, in Embedded mode.</summary>
    public EmbeddedChain? Embedded { get; }

    public Web3 Signer => _signer ?? throw new InvalidOperationException("No chain is configured (Chain:Mode is None).");

    public Web3 Reader { get; }

    public string AuthorityAddress => Signer.TransactionManager.Account.Address;

    public LedgerChain ReadOnlyLedger(string contractAddress) => new(Reader, contractAddress);

    public string? ExplorerLink(string transactionHash) =>
        Options.ExplorerTransactionUrl?.Replace("{tx}", transactionHash, StringComparison.Ordinal);

    public void Dispose() => Embedded?.Dispose();

    private static string? ReadAuthorityKey(LedgerOptions options)
    {
        var key = Environment.GetEnvironmentVariable(options.AuthorityKeyVariable);
        if (string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(options.AuthorityKeyFile))
        {
            key = File.ReadAllText(options.AuthorityKeyFile).Trim();
        }

        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    /// <summary>The embedded chain's authority: a key generated once, kept next to the chain, readable by the owner only.</summary>
    private static string EmbeddedAuthorityKey(string directory) =>
        System.Text.Encoding.ASCII.GetString(SecretFiles.ReadOrCreate(Path.Combine(directory, "authority.key"),
            () => System.Text.Encoding.ASCII.GetBytes(new EthECKey(RandomNumberGenerator.GetBytes(32), true).GetPrivateKey()))).Trim();
}
