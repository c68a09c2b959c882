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

namespace Ballotline.Server.Anchoring;

/// <summary>
/// The configured chain: a Nethereum client signing as the authority, and a read-only one. For the embedded
/// chain both talk to the in-process EVM; its authority key is created once in the data directory unless one
/// is configured. The embedded chain is opened (its block file replayed) by <see cref="OpenAsync"/> when the host
/// starts (<see cref="ChainOpening"/>), not in this constructor; a call that comes earlier waits for it.
/// </summary>
public sealed class ChainConnection : IDisposable
{
    private readonly Web3? _signer;
    private readonly TaskCompletionSource<EmbeddedChain> _embedded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _embeddedDirectory;
    private readonly string? _embeddedAuthority;
    private readonly TimeProvider _clock;

    /// <summary>Connects to the configured chain; <paramref name="faults"/> are injected between the server and its node by rehearsals (<c>ballotline simulate</c>), never in a real pilot.</summary>
    public ChainConnection(IOptions<LedgerOptions> options, IOptions<DatabaseOptions> database, TimeProvider clock, Observability.PilotMetrics metrics, ChainFaults? faults = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        _clock = clock;

        // The settings as they apply to this chain, in a copy of its own: the shared options object stays as configured.
        Options = options.Value.AsConnected();
        if (!Options.Enabled)
        {
            Reader = new Web3("http://127.0.0.1:1");
            return;
        }

        if (Options.IsEmbedded)
        {
            _embeddedDirectory = Path.Combine(database.Value.DataDirectory, "chain");
            var key = ReadAuthorityKey(Options) ?? EmbeddedAuthorityKey(_embeddedDirectory);
            var account = new Account(key, EmbeddedChain.DefaultChainId);
            _embeddedAuthority = account.Address;
            _signer = new Web3(account, Client(new EmbeddedRpcClient(_embedded.Task), faults, metrics));
            Reader = new Web3(Client(new EmbeddedRpcClient(_embedded.Task), faults, metrics));
            return;
        }

        _signer = new Web3(new Account(ReadAuthorityKey(Options)
            ?? throw new InvalidOperationException($"No chain authority key: set the environment variable {Options.AuthorityKeyVariable} or Chain:AuthorityKeyFile."), Options.ChainId),
            Client(new RpcClient(new Uri(Options.RpcUrl!)), faults, metrics));
        Reader = new Web3(Client(new RpcClient(new Uri(Options.RpcUrl!)), faults, metrics));
    }

    /// <summary>
    /// Opens the embedded chain, replaying its block file (a torn last record is cut back; a damaged one stops the
    /// start with its line). Nothing to do for an external chain. Called once, by <see cref="ChainOpening"/>.
    /// </summary>
    public async Task OpenAsync(CancellationToken ct)
    {
        if (_embeddedDirectory is null || _embedded.Task.IsCompleted)
        {
            return;
        }

        try
        {
            ct.ThrowIfCancellationRequested();
            _embedded.TrySetResult(await EmbeddedChain.OpenAsync(_embeddedDirectory, [_embeddedAuthority!], EmbeddedChain.DefaultChainId, _clock));
        }
        catch (Exception e)
        {
            _embedded.TrySetException(e); // every call waiting on the chain fails as the start did
            throw;
        }
    }

    /// <summary>
    /// The node's client as the server uses it: rehearsal faults (if any) sit between the server and the node, and
    /// every call is retried with backoff and jitter on the server's side of them, as it would be against a real flaky node.
    /// </summary>
    private RetryingRpcClient Client(ClientBase node, ChainFaults? faults, Observability.PilotMetrics metrics) =>
        new RetryingRpcClient(faults is null ? node : new FaultyRpcClient(node, faults), Options.RpcAttempts, _ => metrics.RpcRetries.Inc());

    public LedgerOptions Options { get; }

    /// <summary>The in-process chain in Embedded mode, once opened (null for an external chain or none).</summary>
    public Task<EmbeddedChain>? Embedded => _embeddedDirectory is null ? null : _embedded.Task;

    public Web3 Signer => _signer ?? throw new InvalidOperationException("No chain is configured (Chain:Mode is None).");

    public Web3 Reader { get; }

    public string AuthorityAddress => Signer.TransactionManager.Account.Address;

    public LedgerChain ReadOnlyLedger(string contractAddress) => new(Reader, contractAddress);

    public string? ExplorerLink(string transactionHash) =>
        Options.ExplorerTransactionUrl?.Replace("{tx}", transactionHash, StringComparison.Ordinal);

    public void Dispose()
    {
        if (_embedded.Task.IsCompletedSuccessfully)
        {
            _embedded.Task.Result.Dispose();
        }
    }

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
