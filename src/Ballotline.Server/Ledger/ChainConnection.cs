using Ballotline.Ledger.Chain;
using Microsoft.Extensions.Options;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Ballotline.Server.Ledger;

/// <summary>The configured chain: a Nethereum client signing as the authority, and a read-only client.</summary>
public sealed class ChainConnection
{
    private readonly Lazy<Web3> _signer;

    public ChainConnection(IOptions<LedgerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _signer = new Lazy<Web3>(() => new Web3(new Account(ReadAuthorityKey(Options), Options.ChainId), Options.RpcUrl));
        Reader = new Web3(Options.RpcUrl ?? "http://127.0.0.1:8545");
    }

    public LedgerOptions Options { get; }

    public Web3 Signer => _signer.Value;

    public Web3 Reader { get; }

    public string AuthorityAddress => Signer.TransactionManager.Account.Address;

    public LedgerChain Ledger(string contractAddress) => new(Signer, contractAddress);

    public LedgerChain ReadOnlyLedger(string contractAddress) => new(Reader, contractAddress);

    public string? ExplorerLink(string transactionHash) =>
        Options.ExplorerTransactionUrl?.Replace("{tx}", transactionHash, StringComparison.Ordinal);

    private static string ReadAuthorityKey(LedgerOptions options)
    {
        var key = Environment.GetEnvironmentVariable(options.AuthorityKeyVariable);
        if (string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(options.AuthorityKeyFile))
        {
            key = File.ReadAllText(options.AuthorityKeyFile).Trim();
        }

        return string.IsNullOrWhiteSpace(key)
            ? throw new InvalidOperationException($"No chain authority key: set the environment variable {options.AuthorityKeyVariable} or Chain:AuthorityKeyFile.")
            : key.Trim();
    }
}
