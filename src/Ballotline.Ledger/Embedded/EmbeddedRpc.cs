using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace Ballotline.Ledger.Embedded;

/// <summary>
/// Standard Ethereum JSON-RPC over the embedded chain. Read methods serve verifiers and tools at /chain/rpc;
/// <c>eth_sendRawTransaction</c> is only for the in-process anchorer (<see cref="IsReadOnly"/> tells which).
/// </summary>
public sealed class EmbeddedRpc(EmbeddedChain chain)
{
    private static readonly HashSet<string> ReadOnlyMethods = new(StringComparer.Ordinal)
    {
        "web3_clientVersion", "net_version", "eth_chainId", "eth_blockNumber", "eth_getBlockByNumber", "eth_getBlockByHash",
        "eth_getTransactionByHash", "eth_getTransactionReceipt", "eth_getLogs", "eth_call", "eth_estimateGas", "eth_getTransactionCount",
        "eth_getBalance", "eth_getCode", "eth_gasPrice", "eth_maxPriorityFeePerGas", "eth_feeHistory", "eth_syncing",
    };

    public static bool IsReadOnly(string method) => ReadOnlyMethods.Contains(method);

    /// <summary>Answers one request: (result, null) or (null, error).</summary>
    public async Task<(JsonNode? Result, RpcFailure? Error)> HandleAsync(string method, JsonElement parameters)
    {
        try
        {
            return method switch
            {
                "web3_clientVersion" => (JsonValue.Create("Ballotline embedded EVM (local development chain, not a public blockchain)"), null),
                "net_version" => (JsonValue.Create(chain.ChainId.ToString(CultureInfo.InvariantCulture)), null),
                "eth_chainId" => (Hex(chain.ChainId), null),
                "eth_syncing" => (JsonValue.Create(false), null),
                "eth_blockNumber" => (Hex(chain.BlockNumber), null),
                "eth_gasPrice" => (Hex(EmbeddedChain.BaseFee + 1_000_000_000), null),
                "eth_maxPriorityFeePerGas" => (Hex(1_000_000_000), null),
                "eth_getBlockByNumber" => (Block(chain.BlockByNumber(BlockNumber(Param(parameters, 0))), Param(parameters, 1).ValueKind == JsonValueKind.True), null),
                "eth_getBlockByHash" => (Block(chain.Blocks.FirstOrDefault(b => string.Equals(b.Hash, Param(parameters, 0).GetString(), StringComparison.OrdinalIgnoreCase)), Param(parameters, 1).ValueKind == JsonValueKind.True), null),
                "eth_getTransactionByHash" => (chain.BlockByTransaction(Param(parameters, 0).GetString()!) is { } b ? Transaction(b) : null, null),
                "eth_getTransactionReceipt" => (chain.BlockByTransaction(Param(parameters, 0).GetString()!) is { } b ? Receipt(b) : null, null),
                "eth_getLogs" => (Logs(Param(parameters, 0)), null),
                "eth_getTransactionCount" => (Hex(await chain.NonceAsync(Param(parameters, 0).GetString()!)), null),
                "eth_getBalance" => (Hex(await chain.BalanceAsync(Param(parameters, 0).GetString()!)), null),
                "eth_getCode" => (JsonValue.Create((await chain.CodeAsync(Param(parameters, 0).GetString()!)).ToHex(true)), null),
                "eth_feeHistory" => (FeeHistory(Param(parameters, 0)), null),
                "eth_call" => await CallAsync(Param(parameters, 0), estimate: false),
                "eth_estimateGas" => await CallAsync(Param(parameters, 0), estimate: true),
                "eth_sendRawTransaction" => await SendAsync(Param(parameters, 0).GetString()!),
                _ => (null, new RpcFailure(-32601, $"the method {method} does not exist on the embedded chain")),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever a malformed parameter makes fail (wrong JSON kind, bad hex, an undecodable transaction) is the
            // caller's error, answered as JSON-RPC's "invalid params": a node never answers a request with a crash.
            return (null, new RpcFailure(-32602, $"invalid params for {method}: {e.Message}"));
        }
    }

    private async Task<(JsonNode?, RpcFailure?)> SendAsync(string raw)
    {
        var (hash, error) = await chain.SendRawTransactionAsync(raw);
        return error is null ? (JsonValue.Create(hash), null) : (null, new RpcFailure(-32000, error));
    }

    private async Task<(JsonNode?, RpcFailure?)> CallAsync(JsonElement call, bool estimate)
    {
        var from = call.TryGetProperty("from", out var f) ? f.GetString() : null;
        var to = call.GetProperty("to").GetString()!;
        var input = call.TryGetProperty("data", out var d) ? d.GetString() : call.TryGetProperty("input", out var i) ? i.GetString() : null;
        var result = await chain.CallAsync(from?.ToLowerInvariant(), to.ToLowerInvariant(), string.IsNullOrEmpty(input) ? [] : input.HexToByteArray());
        if (!result.Success)
        {
            return (null, new RpcFailure(3, "execution reverted" + (string.IsNullOrEmpty(result.RevertReason) ? string.Empty : ": " + result.RevertReason), (result.ReturnData ?? []).ToHex(true)));
        }

        return estimate ? (Hex(result.GasUsed * 6 / 5), null) : (JsonValue.Create((result.ReturnData ?? []).ToHex(true)), null);
    }

    private JsonArray Logs(JsonElement filter)
    {
        var from = filter.TryGetProperty("fromBlock", out var fb) ? BlockNumber(fb) : 1;
        var to = filter.TryGetProperty("toBlock", out var tb) ? BlockNumber(tb) : chain.BlockNumber;
        var addresses = !filter.TryGetProperty("address", out var a) || a.ValueKind == JsonValueKind.Null ? null
            : a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(x => x.GetString()!.ToLowerInvariant()).ToHashSet() : [a.GetString()!.ToLowerInvariant()];
        var topics = filter.TryGetProperty("topics", out var t) && t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().ToArray() : [];
        var result = new JsonArray();
        foreach (var block in chain.Blocks.Where(b => b.Number >= Math.Max(1, from) && b.Number <= to))
        {
            foreach (var log in block.Transaction.Logs)
            {
                if ((addresses is null || addresses.Contains(log.Address)) && TopicsMatch(log, topics))
                {
                    result.Add(Log(log));
                }
            }
        }

        return result;
    }

    private static bool TopicsMatch(FilterLog log, JsonElement[] topics)
    {
        for (var i = 0; i < topics.Length; i++)
        {
            if (topics[i].ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var actual = log.Topics is { } ts && i < ts.Length ? ts[i]?.ToString() : null;
            var wanted = topics[i].ValueKind == JsonValueKind.Array ? topics[i].EnumerateArray().Select(x => x.GetString()) : [topics[i].GetString()];
            if (actual is null || !wanted.Any(w => string.Equals(w, actual, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return true;
    }

    private JsonObject FeeHistory(JsonElement count)
    {
        var n = (int)BigInteger.Max(1, BigInteger.Min(1024, BlockNumberValue(count)));
        var baseFees = new JsonArray();
        var ratios = new JsonArray();
        var rewards = new JsonArray();
        for (var i = 0; i <= n; i++)
        {
            baseFees.Add(Hex(EmbeddedChain.BaseFee));
        }

        for (var i = 0; i < n; i++)
        {
            ratios.Add(0.01);
            rewards.Add(new JsonArray(Hex(1_000_000_000)));
        }

        return new JsonObject { ["oldestBlock"] = Hex(Math.Max(0, chain.BlockNumber - n + 1)), ["baseFeePerGas"] = baseFees, ["gasUsedRatio"] = ratios, ["reward"] = rewards };
    }

    private static JsonObject? Block(EmbeddedBlock? block, bool full)
    {
        if (block is null)
        {
            return null;
        }

        var tx = block.Transaction;
        return new JsonObject
        {
            ["number"] = Hex(block.Number),
            ["hash"] = block.Hash,
            ["parentHash"] = block.ParentHash,
            ["timestamp"] = Hex(block.Timestamp),
            ["nonce"] = "0x0000000000000000",
            ["sha3Uncles"] = "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
            ["logsBloom"] = "0x" + new string('0', 512),
            ["transactionsRoot"] = "0x" + new string('0', 64),
            ["stateRoot"] = "0x" + new string('0', 64),
            ["receiptsRoot"] = "0x" + new string('0', 64),
            ["miner"] = "0x0000000000000000000000000000000000000000",
            ["difficulty"] = "0x0",
            ["totalDifficulty"] = "0x0",
            ["extraData"] = "0x",
            ["size"] = Hex(tx.RawTransaction.Length / 2),
            ["gasLimit"] = Hex(30_000_000),
            ["gasUsed"] = Hex(tx.GasUsed),
            ["baseFeePerGas"] = Hex(EmbeddedChain.BaseFee),
            ["uncles"] = new JsonArray(),
            ["transactions"] = full ? new JsonArray(Transaction(block)) : new JsonArray(JsonValue.Create(tx.Hash)),
        };
    }

    private static JsonObject Transaction(EmbeddedBlock block)
    {
        var tx = block.Transaction;
        return new JsonObject
        {
            ["hash"] = tx.Hash,
            ["type"] = "0x2",
            ["nonce"] = Hex(tx.Nonce),
            ["blockHash"] = block.Hash,
            ["blockNumber"] = Hex(block.Number),
            ["transactionIndex"] = "0x0",
            ["from"] = tx.From,
            ["to"] = tx.To,
            ["value"] = Hex(tx.Value),
            ["gas"] = Hex(tx.GasLimit),
            ["gasPrice"] = Hex(tx.EffectiveGasPrice),
            ["maxFeePerGas"] = Hex(tx.MaxFeePerGas),
            ["maxPriorityFeePerGas"] = Hex(tx.MaxPriorityFeePerGas),
            ["input"] = tx.Input,
            ["chainId"] = null,
        };
    }

    private static JsonObject Receipt(EmbeddedBlock block)
    {
        var tx = block.Transaction;
        return new JsonObject
        {
            ["transactionHash"] = tx.Hash,
            ["transactionIndex"] = "0x0",
            ["blockHash"] = block.Hash,
            ["blockNumber"] = Hex(block.Number),
            ["from"] = tx.From,
            ["to"] = tx.To,
            ["cumulativeGasUsed"] = Hex(tx.GasUsed),
            ["gasUsed"] = Hex(tx.GasUsed),
            ["effectiveGasPrice"] = Hex(tx.EffectiveGasPrice),
            ["contractAddress"] = tx.ContractAddress,
            ["logs"] = new JsonArray([.. tx.Logs.Select(Log)]),
            ["logsBloom"] = "0x" + new string('0', 512),
            ["status"] = tx.Success ? "0x1" : "0x0",
            ["type"] = "0x2",
        };
    }

    private static JsonObject Log(FilterLog log) => new()
    {
        ["address"] = log.Address,
        ["topics"] = new JsonArray([.. (log.Topics ?? []).Select(t => JsonValue.Create(t?.ToString()))]),
        ["data"] = log.Data ?? "0x",
        ["blockNumber"] = log.BlockNumber?.HexValue,
        ["blockHash"] = log.BlockHash,
        ["transactionHash"] = log.TransactionHash,
        ["transactionIndex"] = log.TransactionIndex?.HexValue,
        ["logIndex"] = log.LogIndex?.HexValue,
        ["removed"] = false,
    };

    private long BlockNumber(JsonElement tag) => tag.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => chain.BlockNumber,
        JsonValueKind.String => tag.GetString() switch
        {
            "latest" or "pending" or "safe" or "finalized" => chain.BlockNumber,
            "earliest" => 0,
            var hex => (long)BlockNumberValue(tag),
        },
        _ => (long)BlockNumberValue(tag),
    };

    /// <summary>A block number as asked; numbers past any possible block are read as "beyond the head" (no block), not as an overflow.</summary>
    private static BigInteger BlockNumberValue(JsonElement value)
    {
        var number = value.ValueKind == JsonValueKind.Number
            ? BigInteger.Parse(value.GetRawText(), NumberStyles.Integer, CultureInfo.InvariantCulture)
            : BigInteger.Parse("0" + value.GetString()!.Replace("0x", string.Empty, StringComparison.OrdinalIgnoreCase), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (number.Sign < 0)
        {
            throw new ArgumentException("a block number cannot be negative");
        }

        return BigInteger.Min(number, long.MaxValue);
    }

    private static JsonElement Param(JsonElement parameters, int index) =>
        parameters.ValueKind == JsonValueKind.Array && parameters.GetArrayLength() > index ? parameters[index] : default;

    private static JsonValue Hex(BigInteger value) => JsonValue.Create("0x" + (value.IsZero ? "0" : value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0')));
}

/// <summary>A JSON-RPC error: code, message and optional data (revert bytes for <c>eth_call</c>).</summary>
public sealed record RpcFailure(int Code, string Message, string? Data = null);
