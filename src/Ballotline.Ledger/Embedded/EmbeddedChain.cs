using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Nethereum.EVM;
using Nethereum.EVM.BlockchainState;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Util;

namespace Ballotline.Ledger.Embedded;

/// <summary>
/// A local development chain inside the server process: the real contract bytecode executed by Nethereum's EVM,
/// one block per transaction. Every accepted raw transaction is appended (and flushed to disk) to
/// <c>blocks.jsonl</c> in its directory before it is acknowledged; on start the file is replayed, which rebuilds
/// blocks, receipts, logs and contract state exactly, so anchors survive a restart. It is not a public blockchain:
/// there is no consensus and no other node — pages that show it say so.
/// </summary>
public sealed class EmbeddedChain : IDisposable
{
    public const long DefaultChainId = 1337;
    public static readonly BigInteger BaseFee = 1_000_000_000; // 1 gwei, constant
    private const long BlockGasLimit = 30_000_000;
    private static readonly BigInteger GenesisBalance = BigInteger.Parse("1000000000000000000000000", CultureInfo.InvariantCulture);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _blocksPath;
    private readonly List<EmbeddedBlock> _blocks = [];
    private readonly Dictionary<string, EmbeddedBlock> _byTransaction = new(StringComparer.OrdinalIgnoreCase);
    private readonly TransactionExecutor _executor = new(HardforkConfig.Default, new EVMSimulator(), null!);
    private readonly ExecutionStateService _state = new(new EmptyNodeData());
    private readonly TimeProvider _clock;

    private EmbeddedChain(string directory, long chainId, IEnumerable<string> prefunded, TimeProvider clock)
    {
        ChainId = chainId;
        _clock = clock;
        Directory.CreateDirectory(directory);
        _blocksPath = Path.Combine(directory, "blocks.jsonl");
        foreach (var address in prefunded)
        {
            _state.SetInitialChainBalance(address.ToLowerInvariant(), GenesisBalance);
        }
    }

    public long ChainId { get; }

    public long BlockNumber => _blocks.Count;

    public IReadOnlyList<EmbeddedBlock> Blocks => _blocks;

    /// <summary>Opens (and replays) the chain stored in <paramref name="directory"/>, funding the given accounts at genesis.</summary>
    public static async Task<EmbeddedChain> OpenAsync(string directory, IEnumerable<string> prefunded, long chainId = DefaultChainId, TimeProvider? clock = null)
    {
        var chain = new EmbeddedChain(directory, chainId, prefunded, clock ?? TimeProvider.System);
        foreach (var line in await ReadCompleteLinesAsync(chain._blocksPath))
        {
            using var entry = JsonDocument.Parse(line);
            var raw = entry.RootElement.GetProperty("raw").GetString()!;
            var timestamp = entry.RootElement.GetProperty("timestamp").GetInt64();
            var (block, error) = await chain.ExecuteAsync(raw, timestamp);
            if (block is null)
            {
                throw new InvalidDataException($"The embedded chain's block file does not replay: {error}");
            }
        }

        return chain;
    }

    /// <summary>
    /// The block file's complete records. A record is acknowledged only after it and its newline are flushed, so
    /// bytes after the last newline are a write that a crash or power cut tore before it was acknowledged: they
    /// are moved aside to <c>blocks.jsonl.torn</c> (kept for inspection) and the file is cut back to its last
    /// complete record. Damage inside a complete record is not a torn write and stops the start with its line.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ReadCompleteLinesAsync(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var bytes = await File.ReadAllBytesAsync(path);
        var complete = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (complete < bytes.Length)
        {
            await File.WriteAllBytesAsync(path + ".torn", bytes[complete..]);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            file.SetLength(complete);
            file.Flush(flushToDisk: true);
        }

        var lines = new List<string>();
        var number = 0;
        foreach (var line in System.Text.Encoding.UTF8.GetString(bytes, 0, complete).Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var _ = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"The embedded chain's block file {path} is damaged at line {number} (not a torn last write): {e.Message}", e);
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Validates, executes and mines a signed raw transaction; returns its hash or an error (nothing mined).</summary>
    public async Task<(string? Hash, string? Error)> SendRawTransactionAsync(string raw)
    {
        await _gate.WaitAsync();
        try
        {
            var hash = TransactionHash(raw);
            if (_byTransaction.ContainsKey(hash))
            {
                return (null, "already known");
            }

            var timestamp = Math.Max(_clock.GetUtcNow().ToUnixTimeSeconds(), _blocks.Count == 0 ? 0 : _blocks[^1].Timestamp);
            var (block, error) = await ExecuteAsync(raw, timestamp);
            if (block is null)
            {
                return (null, error);
            }

            // Durable before acknowledged: a crash after this line replays the transaction on start.
            await using (var file = new FileStream(_blocksPath, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                // One write of the line with its newline: a record is complete only with its newline, which is what
                // the replay trusts (ReadCompleteLinesAsync).
                var line = JsonSerializer.SerializeToUtf8Bytes(new { raw, timestamp });
                var record = new byte[line.Length + 1];
                line.CopyTo(record, 0);
                record[^1] = (byte)'\n';
                await file.WriteAsync(record);
                file.Flush(flushToDisk: true);
            }

            return (block.Transaction.Hash, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs a call against the latest state without changing it.</summary>
    public async Task<TransactionExecutionResult> CallAsync(string? from, string to, byte[] data, BigInteger? gas = null)
    {
        await _gate.WaitAsync();
        try
        {
            var snapshot = _state.TakeSnapshot();
            try
            {
                var context = Context(from ?? "0x0000000000000000000000000000000000000000", to, data, gas ?? BlockGasLimit, BigInteger.Zero,
                    await _state.GetNonceAsync(from ?? "0x0000000000000000000000000000000000000000"), BigInteger.Zero, BigInteger.Zero, _blocks.Count + 1,
                    _clock.GetUtcNow().ToUnixTimeSeconds());
                context.Mode = ExecutionMode.Call;
                return await _executor.ExecuteAsync(context);
            }
            finally
            {
                _state.RevertToSnapshot(snapshot);
                ResetTransactionState();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<BigInteger> NonceAsync(string address)
    {
        await _gate.WaitAsync();
        try
        {
            return await _state.GetNonceAsync(address.ToLowerInvariant());
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<BigInteger> BalanceAsync(string address)
    {
        await _gate.WaitAsync();
        try
        {
            return await _state.GetTotalBalanceAsync(address.ToLowerInvariant());
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<byte[]> CodeAsync(string address)
    {
        await _gate.WaitAsync();
        try
        {
            return await _state.GetCodeAsync(address.ToLowerInvariant()) ?? [];
        }
        finally
        {
            _gate.Release();
        }
    }

    public EmbeddedBlock? BlockByTransaction(string hash) => _byTransaction.GetValueOrDefault(hash);

    public EmbeddedBlock? BlockByNumber(long number) => number >= 1 && number <= _blocks.Count ? _blocks[(int)number - 1] : null;

    public void Dispose() => _gate.Dispose();

    private async Task<(EmbeddedBlock? Block, string? Error)> ExecuteAsync(string raw, long timestamp)
    {
        ISignedTransaction signed;
        string from;
        try
        {
            signed = TransactionFactory.CreateTransaction(raw);
            from = TransactionVerificationAndRecovery.GetSenderAddress(signed).ToLowerInvariant();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or NullReferenceException)
        {
            return (null, "invalid transaction: " + e.Message);
        }

        if (signed is not Transaction1559 tx)
        {
            return (null, "only EIP-1559 (type 2) transactions are accepted");
        }

        if (tx.ChainId != ChainId)
        {
            return (null, $"wrong chain id {tx.ChainId}; this chain is {ChainId}");
        }

        var nonce = tx.Nonce ?? 0;
        var expected = await _state.GetNonceAsync(from);
        if (nonce < expected)
        {
            return (null, $"nonce too low: next nonce is {expected}");
        }

        if (nonce > expected)
        {
            return (null, $"nonce too high: next nonce is {expected} (this chain keeps no pool of future transactions)");
        }

        var maxFee = tx.MaxFeePerGas ?? 0;
        var tip = tx.MaxPriorityFeePerGas ?? 0;
        if (maxFee < BaseFee)
        {
            return (null, $"max fee per gas {maxFee} is below the base fee {BaseFee}");
        }

        var to = string.IsNullOrEmpty(tx.ReceiverAddress) ? null : tx.ReceiverAddress.ToLowerInvariant();
        var data = string.IsNullOrEmpty(tx.Data) ? [] : tx.Data.HexToByteArray();
        var number = _blocks.Count + 1;
        var context = Context(from, to, data, tx.GasLimit ?? 0, tx.Amount ?? 0, nonce, maxFee, tip, number, timestamp);
        TransactionExecutionResult result;
        try
        {
            result = await _executor.ExecuteAsync(context);
        }
        finally
        {
            ResetTransactionState();
        }

        if (result.IsValidationError)
        {
            return (null, result.Error ?? "invalid transaction");
        }

        var hash = TransactionHash(raw);
        var parent = _blocks.Count == 0 ? "0x" + new string('0', 64) : _blocks[^1].Hash;
        var blockHash = "0x" + Sha3Keccack.Current.CalculateHash($"{parent}|{number}|{timestamp}|{hash}");
        var effectivePrice = BigInteger.Min(maxFee, BaseFee + tip);
        var logs = (result.Logs ?? []).Select((log, i) =>
        {
            log.BlockNumber = new Nethereum.Hex.HexTypes.HexBigInteger(number);
            log.BlockHash = blockHash;
            log.TransactionHash = hash;
            log.TransactionIndex = new Nethereum.Hex.HexTypes.HexBigInteger(0);
            log.LogIndex = new Nethereum.Hex.HexTypes.HexBigInteger(i);
            log.Address = log.Address?.ToLowerInvariant();

            // The EVM reports topics and data as bare hex; JSON-RPC clients expect 0x-prefixed values.
            log.Topics = [.. (log.Topics ?? []).Select(t => (object)Prefixed(t?.ToString() ?? string.Empty))];
            log.Data = Prefixed(log.Data ?? string.Empty);
            return log;
        }).ToList();
        var transaction = new EmbeddedTransaction(hash, raw, from, to, nonce, tx.GasLimit ?? 0, maxFee, tip, tx.Amount ?? 0, data.ToHex(true),
            result.Success, result.GasUsed, effectivePrice, result.ContractAddress?.ToLowerInvariant(), logs);
        var block = new EmbeddedBlock(number, blockHash, parent, timestamp, transaction);
        _blocks.Add(block);
        _byTransaction[hash] = block;
        return (block, null);
    }

    private TransactionExecutionContext Context(string from, string? to, byte[] data, BigInteger gas, BigInteger value, BigInteger nonce,
        BigInteger maxFee, BigInteger tip, long number, long timestamp) => new()
        {
            Mode = ExecutionMode.Transaction,
            Sender = from,
            To = to,
            Data = data,
            GasLimit = gas,
            Value = value,
            Nonce = nonce,
            MaxFeePerGas = maxFee,
            MaxPriorityFeePerGas = tip,
            GasPrice = BigInteger.Min(maxFee, BaseFee + tip),
            IsEip1559 = true,
            IsContractCreation = to is null,
            BlockNumber = number,
            Timestamp = timestamp,
            Coinbase = "0x0000000000000000000000000000000000000000",
            BaseFee = BaseFee,
            BlockGasLimit = BlockGasLimit,
            ChainId = ChainId,
            ExecutionState = _state,
        };

    /// <summary>
    /// EIP-2929 warm slots and EIP-2200 original values are per transaction; Nethereum's state service keeps them,
    /// so reset them after every transaction (without this, later transactions were under-charged by 4,800 gas).
    /// </summary>
    private void ResetTransactionState()
    {
        foreach (var account in _state.AccountsState.Values)
        {
            account.WarmStorageKeys.Clear();
            account.OriginalStorageValues.Clear();
            foreach (var (key, value) in account.Storage)
            {
                account.OriginalStorageValues[key] = value;
            }
        }

        _state.TransientStorage.Clear();
    }

    private static string Prefixed(string hex) => hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.ToLowerInvariant() : "0x" + hex.ToLowerInvariant();

    private static string TransactionHash(string raw) => "0x" + Sha3Keccack.Current.CalculateHashFromHex(raw);
}
