using System.Numerics;
using Nethereum.RPC.Eth.DTOs;

namespace Ballotline.Ledger.Embedded;

/// <summary>A block of the embedded chain: exactly one transaction (it mines on every transaction).</summary>
public sealed record EmbeddedBlock(
    long Number,
    string Hash,
    string ParentHash,
    long Timestamp,
    EmbeddedTransaction Transaction);

/// <summary>A mined transaction with its receipt data.</summary>
public sealed record EmbeddedTransaction(
    string Hash,
    string RawTransaction,
    string From,
    string? To,
    BigInteger Nonce,
    BigInteger GasLimit,
    BigInteger MaxFeePerGas,
    BigInteger MaxPriorityFeePerGas,
    BigInteger Value,
    string Input,
    bool Success,
    BigInteger GasUsed,
    BigInteger EffectiveGasPrice,
    string? ContractAddress,
    IReadOnlyList<FilterLog> Logs);
