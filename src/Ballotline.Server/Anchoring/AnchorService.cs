using System.Numerics;
using Ballotline.Ledger.Chain;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;

namespace Ballotline.Server.Anchoring;

/// <summary>
/// One pass of the anchorer: make sure the contract exists, follow every transaction in flight (receipts,
/// confirmations, reorgs, dropped or stuck transactions), then send what is due — an election's opening,
/// an anchor of its grown log (batched or per ballot), its closing. Idempotent: a crash anywhere leaves a
/// state the next pass continues from without sending any range twice.
/// </summary>
public sealed partial class AnchorService(BallotlineDb db, BallotLog log, ChainConnection chain, ChainHealth health, FinalityNotices notices, Observability.PilotMetrics metrics, TimeProvider clock, ILogger<AnchorService> logger)
{
    private const long OpenGas = 120_000;
    private const long AnchorGas = 80_000;
    private const long CloseGas = 150_000;

    private LedgerOptions Options => chain.Options;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var deployment = await ActiveDeploymentAsync(ct);
        var head = (long)(await chain.Signer.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        var reconnected = health.MarkUp(head, clock.GetUtcNow());
        metrics.ChainUp.Set(1);
        if (deployment is null)
        {
            // The chain lost this server's records and no operator has recovered yet: nothing is sent, nothing is called final.
            var lost = await db.LedgerDeployments.AsNoTracking().Where(d => d.ChainId == Options.ChainId).OrderByDescending(d => d.Id).FirstAsync(ct);
            health.MarkRecordsLost(lost.RetiredReason);
            metrics.ChainRecordsLost.Set(1);
            return;
        }

        health.MarkRecordsLost(null);
        metrics.ChainRecordsLost.Set(0);
        if (!await ContractIsThereAsync(deployment, ct) || !await TrackAsync(deployment, head, ct)
            || !await ReverifyFinalAsync(deployment, head, reconnected, ct))
        {
            return;
        }

        await notices.QueueFinalAsync(ct);
        await PlanAsync(deployment.ContractAddress, ct);
    }

    /// <summary>The contract this server anchors to, deploying it first when none is configured; its address.</summary>
    public async Task<string> EnsureDeploymentAsync(CancellationToken ct) =>
        (await ActiveDeploymentAsync(ct))?.ContractAddress
        ?? throw new InvalidOperationException("The chain lost this server's records: an operator must recover the ledger (docs/operations.md) before anything is anchored.");

    /// <summary>The active deployment on the configured chain, deployed first when there was none; null while the chain's records are lost and not yet recovered.</summary>
    private async Task<LedgerDeployment?> ActiveDeploymentAsync(CancellationToken ct)
    {
        var deployments = await db.LedgerDeployments.Where(d => d.ChainId == Options.ChainId).OrderBy(d => d.Id).ToListAsync(ct);
        var active = deployments.LastOrDefault(d => d.RetiredAt is null);
        if (active is null && deployments.Count > 0)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(Options.ContractAddress))
        {
            // A configured contract replaces what this server used before, unless an operator has since recovered onto another one.
            if (active is null || (active.RecoveryNote is null && !string.Equals(active.ContractAddress, Options.ContractAddress, StringComparison.OrdinalIgnoreCase)))
            {
                db.LedgerDeployments.RemoveRange(deployments);
                active = new LedgerDeployment { ChainId = Options.ChainId, ContractAddress = Options.ContractAddress, DeployedAt = clock.GetUtcNow() };
                db.LedgerDeployments.Add(active);
                await db.SaveChangesAsync(ct);
            }

            return active;
        }

        if (active is not null)
        {
            return active;
        }

        if (!Options.DeployIfMissing)
        {
            throw new InvalidOperationException("Chain:ContractAddress is not set and Chain:DeployIfMissing is false: deploy the contract with `ballotline deploy` first.");
        }

        active = await DeployAsync(null, ct);
        return active;
    }

    /// <summary>Deploys a new BallotLedger and makes it the active deployment.</summary>
    internal async Task<LedgerDeployment> DeployAsync(string? recoveryNote, CancellationToken ct)
    {
        // The account's nonce cache remembers the old chain; a node that lost its state starts again from nonce 0.
        if (chain.Signer.TransactionManager.Account.NonceService is { } nonces)
        {
            await nonces.ResetNonceAsync();
        }

        var address = await LedgerChain.DeployAsync(chain.Signer, ct);
        var deployment = new LedgerDeployment { ChainId = Options.ChainId, ContractAddress = address, DeployedAt = clock.GetUtcNow(), RecoveryNote = recoveryNote };
        db.LedgerDeployments.Add(deployment);
        await db.SaveChangesAsync(ct);
        LogDeployed(logger, address, Options.ChainId);
        return deployment;
    }

    /// <summary>
    /// The contract must be on the chain with the code it had when first seen. A node that restarted without its
    /// state, another network behind the same URL, or a replaced contract all fail here, before anything is sent.
    /// </summary>
    private async Task<bool> ContractIsThereAsync(LedgerDeployment deployment, CancellationToken ct)
    {
        var code = await chain.Signer.Eth.GetCode.SendRequestAsync(deployment.ContractAddress);
        var bytes = string.IsNullOrEmpty(code) ? [] : code.HexToByteArray();
        if (bytes.Length == 0)
        {
            await LoseAsync(deployment, $"the chain has no contract at {deployment.ContractAddress} any more (the node lost its state, or this is another network)", ct);
            return false;
        }

        var hash = Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash(bytes));
        if (deployment.CodeHash is null)
        {
            deployment.CodeHash = hash;
            await db.SaveChangesAsync(ct);
        }
        else if (!string.Equals(deployment.CodeHash, hash, StringComparison.Ordinal))
        {
            await LoseAsync(deployment, $"the code at {deployment.ContractAddress} is not the BallotLedger this server anchored to", ct);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Reads every final anchor's receipt back from the chain, every <see cref="LedgerOptions.ReverifySeconds"/> and
    /// after every reconnect: "final" stays a fact about the chain now, not a flag set once.
    /// </summary>
    private async Task<bool> ReverifyFinalAsync(LedgerDeployment deployment, long head, bool reconnected, CancellationToken ct)
    {
        if (!health.ReverificationDue(clock.GetUtcNow(), TimeSpan.FromSeconds(Options.ReverifySeconds), reconnected))
        {
            return true;
        }

        var final = await db.Anchors.AsNoTracking().Where(a => a.Status == AnchorStatus.Final).OrderBy(a => a.Id).ToListAsync(ct);
        foreach (var record in final)
        {
            var receipt = await ReceiptAsync(record);
            var missing = receipt is null ? "is no longer on the chain"
                : receipt.Status?.Value != 1 ? "now reads as reverted"
                : !EmitsEvent(receipt, record.Kind, ContractOf(record, deployment)) ? $"no longer carries its {record.Kind} event from {ContractOf(record, deployment)}"
                : head - (long)receipt.BlockNumber.Value + 1 < Options.Confirmations ? $"moved to block {receipt.BlockNumber.Value}, below {Options.Confirmations} confirmations (a reorg deeper than the confirmations)"
                : null;
            if (missing is not null)
            {
                await LoseAsync(deployment, $"final transaction {record.TransactionHash} ({record.Kind}, tree size {record.TreeSize}) {missing}", ct);
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The chain no longer holds what this server recorded on it: every anchor on the deployment stops covering
    /// ballots (receipts go back to "recorded, not yet on the chain"), the deployment is retired with the reason,
    /// each affected election's audit log says so, and the critical alert fires. Nothing more is sent until an
    /// operator recovers (<see cref="LedgerRecovery"/>): re-anchoring silently could hide a forged or wrong chain.
    /// </summary>
    private async Task LoseAsync(LedgerDeployment deployment, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        var retired = await db.LedgerDeployments.SingleAsync(d => d.Id == deployment.Id, ct);
        retired.RetiredAt = now;
        retired.RetiredReason = reason;
        var affected = await db.Anchors.Where(a => a.Status != AnchorStatus.Failed && a.Status != AnchorStatus.Lost
            && (a.ContractAddress == deployment.ContractAddress || a.ContractAddress == string.Empty)).ToListAsync(ct);
        foreach (var record in affected)
        {
            record.Status = AnchorStatus.Lost;
            record.FailureReason = reason;
            metrics.TransactionsFailed.WithLabels("lost").Inc();
        }

        foreach (var electionId in affected.Select(a => a.ElectionId).Distinct())
        {
            db.AuditLog.Add(new AuditEntry { ElectionId = electionId, Actor = "anchorer", Action = "chain-records-lost", Reason = reason, At = now });
        }

        await db.SaveChangesAsync(ct);
        health.MarkRecordsLost(reason);
        metrics.ChainRecordsLost.Set(1);
        LogRecordsLost(logger, affected.Count, reason);
    }

    /// <summary>The contract a transaction was sent to; records from before contracts were stored went to the active one.</summary>
    private static string ContractOf(AnchorRecord record, LedgerDeployment active) =>
        string.IsNullOrEmpty(record.ContractAddress) ? active.ContractAddress : record.ContractAddress;

    private static bool EmitsEvent(TransactionReceipt receipt, AnchorKind kind, string contractAddress)
    {
        bool From<TEvent>() where TEvent : Nethereum.ABI.FunctionEncoding.Attributes.IEventDTO, new() =>
            receipt.DecodeAllEvents<TEvent>().Any(e => string.Equals(e.Log.Address, contractAddress, StringComparison.OrdinalIgnoreCase));
        return kind switch
        {
            AnchorKind.Open => From<ElectionOpenedEvent>(),
            AnchorKind.Anchor => From<AnchoredEvent>(),
            AnchorKind.Close => From<ElectionClosedEvent>(),
            _ => false,
        };
    }

    /// <summary>Follows every transaction in flight; false when a receipt showed that the chain lost the contract.</summary>
    private async Task<bool> TrackAsync(LedgerDeployment deployment, long head, CancellationToken ct)
    {
        var active = await db.Anchors.Where(a => a.Status == AnchorStatus.Prepared || a.Status == AnchorStatus.Submitted || a.Status == AnchorStatus.Confirmed)
            .OrderBy(a => a.Nonce).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var record in active)
        {
            var receipt = await ReceiptAsync(record);
            if (receipt is null)
            {
                await HandleUnminedAsync(record, now, ct);
                continue;
            }

            if (receipt.Status?.Value != 1)
            {
                record.Status = AnchorStatus.Failed;
                record.FailureReason = $"reverted in block {receipt.BlockNumber.Value}";
                metrics.TransactionsFailed.WithLabels("reverted").Inc();
                record.GasUsed = (long)receipt.GasUsed.Value;
                LogReverted(logger, record.TransactionHash, record.Kind, record.TreeSize);
                continue;
            }

            // Success without the contract's event means the transaction ran against no contract (status 1, no logs).
            if (!EmitsEvent(receipt, record.Kind, ContractOf(record, deployment)))
            {
                await LoseAsync(deployment, $"transaction {receipt.TransactionHash} ({record.Kind}, tree size {record.TreeSize}) succeeded without the contract's {record.Kind} event: {deployment.ContractAddress} is not a BallotLedger on this chain", ct);
                return false;
            }

            var block = (long)receipt.BlockNumber.Value;
            if (record.BlockHash is not null && !string.Equals(record.BlockHash, receipt.BlockHash, StringComparison.OrdinalIgnoreCase))
            {
                LogReorg(logger, record.TransactionHash, record.BlockNumber ?? 0, block);
            }

            record.TransactionHash = receipt.TransactionHash;
            record.BlockNumber = block;
            record.BlockHash = receipt.BlockHash;
            record.GasUsed = (long)receipt.GasUsed.Value;
            record.EffectiveGasPriceWei = receipt.EffectiveGasPrice?.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            record.FeeWei = (receipt.GasUsed.Value * (receipt.EffectiveGasPrice?.Value ?? BigInteger.Zero)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            record.MinedAt ??= now;
            record.Confirmations = (int)Math.Max(0, head - block + 1);
            if (record.CastToConfirmSeconds is null && record.Kind != AnchorKind.Open)
            {
                var firstCovered = await FirstCoveredCastAsync(record, ct);
                record.CastToConfirmSeconds = firstCovered is { } cast ? (now - cast).TotalSeconds : null;
                if (record.CastToConfirmSeconds is { } seconds)
                {
                    metrics.ConfirmationSeconds.Observe(seconds);
                }
            }

            if (record.Confirmations >= Options.Confirmations)
            {
                if (record.Status != AnchorStatus.Final)
                {
                    metrics.TransactionsConfirmed.WithLabels(record.Kind.ToString()).Inc();
                    metrics.GasPerTransaction.Observe(record.GasUsed ?? 0);
                    metrics.LatestAnchorConfirmations.Set(record.Confirmations);
                    if (record.Kind == AnchorKind.Anchor && await CoveredSinceAsync(record, ct) is > 0 and var covered)
                    {
                        metrics.GasPerBallot.Set((double)(record.GasUsed ?? 0) / covered);
                    }

                    LogFinal(logger, record.Kind, record.TreeSize, record.TransactionHash, record.GasUsed ?? 0, record.CastToConfirmSeconds);
                }

                record.Status = AnchorStatus.Final;
                record.FinalAt ??= now;
            }
            else
            {
                record.Status = AnchorStatus.Confirmed;
                metrics.LatestAnchorConfirmations.Set(record.Confirmations);
            }
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task HandleUnminedAsync(AnchorRecord record, DateTimeOffset now, CancellationToken ct)
    {
        if (record.Status == AnchorStatus.Confirmed)
        {
            // Its block is gone (a reorg): the transaction is back in the pool or must be sent again.
            LogReorg(logger, record.TransactionHash, record.BlockNumber ?? 0, 0);
            record.Status = AnchorStatus.Submitted;
            record.BlockNumber = null;
            record.BlockHash = null;
            record.Confirmations = 0;
            record.MinedAt = null;
        }

        var known = await chain.Signer.Eth.Transactions.GetTransactionByHash.SendRequestAsync(record.TransactionHash);
        if (known is null || record.Status == AnchorStatus.Prepared)
        {
            await BroadcastAsync(record, now);
            return;
        }

        if (record.SubmittedAt is { } submitted && (now - submitted).TotalSeconds > Options.ReplaceAfterSeconds)
        {
            await ReplaceAsync(record, now, ct);
        }
    }

    private async Task PlanAsync(string contractAddress, CancellationToken ct)
    {
        var elections = await db.Elections.AsNoTracking().Where(e => e.ContextHash != null).ToListAsync(ct);
        foreach (var election in elections)
        {
            var records = await db.Anchors.AsNoTracking().Where(a => a.ElectionId == election.Id && a.Status != AnchorStatus.Failed && a.Status != AnchorStatus.Lost).ToListAsync(ct);
            if (!records.Any(r => r.Kind == AnchorKind.Open))
            {
                await SendAsync(contractAddress, election, AnchorKind.Open, 0, new byte[32], null, ct);
            }

            if (records.Any(r => r.Kind == AnchorKind.Close))
            {
                continue;
            }

            var anchored = records.Where(r => r.Kind == AnchorKind.Anchor).Select(r => r.TreeSize).DefaultIfEmpty(0).Max();
            var size = await db.Elections.Where(e => e.Id == election.Id).Select(e => e.BallotCount).SingleAsync(ct);
            if (election.State == ElectionState.Tallied && election.ResultJson is not null)
            {
                var resultHash = await Results.ElectionRecordBundle.CloseStatementAsync(db, log, election, ct);
                await SendAsync(contractAddress, election, AnchorKind.Close, size, await log.RootAsync(election.Id, size, ct), resultHash, ct);
                continue;
            }

            if (size <= anchored)
            {
                continue;
            }

            switch (election.RecordingMode)
            {
                case RecordingMode.PerBallot:
                    // One transaction per ballot; a bounded number per pass keeps each pass short.
                    var leaves = await log.LeavesAsync(election.Id, size, ct);
                    for (var s = anchored + 1; s <= Math.Min(size, anchored + 25); s++)
                    {
                        await SendAsync(contractAddress, election, AnchorKind.Anchor, s, Ballotline.Ledger.Log.MerkleTree.Root(leaves, s), null, ct);
                    }

                    break;
                case RecordingMode.Batched:
                    var oldest = await db.BallotBox.Where(b => b.ElectionId == election.Id && b.LogIndex == anchored).Select(b => b.CastAt).SingleAsync(ct);
                    if (size - anchored >= Options.BatchSize || (clock.GetUtcNow() - oldest).TotalSeconds >= Options.BatchSeconds)
                    {
                        await SendAsync(contractAddress, election, AnchorKind.Anchor, size, await log.RootAsync(election.Id, size, ct), null, ct);
                    }

                    break;
            }
        }
    }

    private async Task SendAsync(string contractAddress, Election election, AnchorKind kind, long size, byte[] root, byte[]? resultHash, CancellationToken ct)
    {
        var message = Message(election, kind, size, root, resultHash);
        message.Nonce = await NextNonceAsync();
        var (maxFee, priority) = await FeesAsync(1.0);
        message.MaxFeePerGas = maxFee;
        message.MaxPriorityFeePerGas = priority;
        var raw = await Sign(message, contractAddress);
        var record = new AnchorRecord
        {
            ElectionId = election.Id,
            Kind = kind,
            Status = AnchorStatus.Prepared,
            ContractAddress = contractAddress,
            TreeSize = size,
            Root = Convert.ToHexStringLower(root),
            Nonce = (long)message.Nonce.Value,
            TransactionHash = HashOf(raw),
            RawTransaction = raw,
            MaxFeePerGasWei = maxFee.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PriorityFeePerGasWei = priority.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CreatedAt = clock.GetUtcNow(),
        };

        // Stored before it is broadcast: after a crash the same transaction is sent again, never a second one.
        db.Anchors.Add(record);
        await db.SaveChangesAsync(ct);
        await BroadcastAsync(record, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        metrics.TransactionsSubmitted.WithLabels(kind.ToString()).Inc();
        LogSent(logger, kind, election.Slug, size, record.TransactionHash);
    }

    private static FunctionMessage Message(Election election, AnchorKind kind, long size, byte[] root, byte[]? resultHash)
    {
        var electionId = BallotLog.ChainElectionId(election.ContextHash!);
        FunctionMessage message = kind switch
        {
            AnchorKind.Open => new OpenElectionFunction { ElectionId = electionId, ManifestHash = BallotLog.ManifestHash(election.ManifestJson!), Gas = new HexBigInteger(OpenGas) },
            AnchorKind.Anchor => LedgerChain.Anchor(electionId, size, root),
            AnchorKind.Close => new CloseElectionFunction { ElectionId = electionId, TreeSize = (ulong)size, Root = root, ResultHash = resultHash!, Gas = new HexBigInteger(CloseGas) },
        };
        message.Gas ??= new HexBigInteger(AnchorGas);
        return message;
    }

    private async Task ReplaceAsync(AnchorRecord record, DateTimeOffset now, CancellationToken ct)
    {
        var address = string.IsNullOrEmpty(record.ContractAddress) ? await EnsureDeploymentAsync(ct) : record.ContractAddress;
        var election = await db.Elections.AsNoTracking().SingleAsync(e => e.Id == record.ElectionId, ct);
        var resultHash = record.Kind == AnchorKind.Close ? await Results.ElectionRecordBundle.CloseStatementAsync(db, log, election, ct) : null;
        var message = Message(election, record.Kind, record.TreeSize, Convert.FromHexString(record.Root), resultHash);
        message.Nonce = new HexBigInteger(record.Nonce);

        // A replacement must pay at least 10% more (node rule); 25% more clears it with room.
        var previousMax = BigInteger.Parse(record.MaxFeePerGasWei, System.Globalization.CultureInfo.InvariantCulture);
        var previousTip = BigInteger.Parse(record.PriorityFeePerGasWei, System.Globalization.CultureInfo.InvariantCulture);
        var cap = Gwei(Options.MaxFeePerGasGwei);
        message.MaxFeePerGas = new HexBigInteger(BigInteger.Min(cap, previousMax * 5 / 4 + 1));
        message.MaxPriorityFeePerGas = new HexBigInteger(BigInteger.Min(message.MaxFeePerGas.Value, previousTip * 5 / 4 + 1));
        if (message.MaxFeePerGas.Value <= previousMax)
        {
            LogFeeCap(logger, record.TransactionHash, Options.MaxFeePerGasGwei);
            return;
        }

        var raw = await Sign(message, address);
        record.ReplacedHashes = string.IsNullOrEmpty(record.ReplacedHashes) ? record.TransactionHash : $"{record.ReplacedHashes},{record.TransactionHash}";
        record.TransactionHash = HashOf(raw);
        record.RawTransaction = raw;
        record.MaxFeePerGasWei = message.MaxFeePerGas.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        record.PriorityFeePerGasWei = message.MaxPriorityFeePerGas.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await db.SaveChangesAsync(ct);
        await BroadcastAsync(record, now);
        LogReplaced(logger, record.ReplacedHashes.Split(',')[^1], record.TransactionHash);
    }

    private async Task BroadcastAsync(AnchorRecord record, DateTimeOffset now)
    {
        record.Attempts++;
        metrics.ChainAttempts.Inc();
        try
        {
            await chain.Signer.Eth.Transactions.SendRawTransaction.SendRequestAsync(record.RawTransaction);
        }
        catch (Exception e) when (IsAlreadyKnown(e))
        {
            // Already in the pool or mined: the receipt check will see it.
        }

        record.Status = AnchorStatus.Submitted;
        record.SubmittedAt = now;
    }

    private static bool IsAlreadyKnown(Exception e)
    {
        var message = (e as Nethereum.JsonRpc.Client.RpcResponseException)?.RpcError?.Message ?? e.Message;
        return e is Nethereum.JsonRpc.Client.RpcResponseException or Nethereum.JsonRpc.Client.RpcClientUnknownException
            && (message.Contains("already", StringComparison.OrdinalIgnoreCase) || message.Contains("known transaction", StringComparison.OrdinalIgnoreCase)
                || message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<TransactionReceipt?> ReceiptAsync(AnchorRecord record)
    {
        foreach (var hash in new[] { record.TransactionHash }.Concat(record.ReplacedHashes.Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            var receipt = await chain.Signer.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash);
            if (receipt is not null)
            {
                return receipt;
            }
        }

        return null;
    }

    private async Task<HexBigInteger> NextNonceAsync()
    {
        var pending = (long)(await chain.Signer.Eth.Transactions.GetTransactionCount.SendRequestAsync(chain.AuthorityAddress, BlockParameter.CreatePending())).Value;
        var local = await db.Anchors.Where(a => a.Status != AnchorStatus.Final && a.Status != AnchorStatus.Lost).Select(a => (long?)a.Nonce).MaxAsync() ?? -1;
        return new HexBigInteger(Math.Max(pending, local + 1));
    }

    private async Task<(HexBigInteger MaxFee, HexBigInteger Priority)> FeesAsync(double factor)
    {
        var latest = await chain.Signer.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        var baseFee = latest.BaseFeePerGas?.Value ?? BigInteger.Zero;
        metrics.GasPriceGwei.Set((double)baseFee / 1e9);
        var priority = Gwei(Options.PriorityFeeGwei * factor);
        var maxFee = BigInteger.Min(Gwei(Options.MaxFeePerGasGwei), (baseFee * 2) + priority);
        return (new HexBigInteger(maxFee), new HexBigInteger(BigInteger.Min(priority, maxFee)));
    }

    private async Task<long> CoveredSinceAsync(AnchorRecord record, CancellationToken ct) => record.TreeSize - (await db.Anchors
        .Where(a => a.ElectionId == record.ElectionId && a.Id != record.Id && a.Kind == AnchorKind.Anchor && a.Status != AnchorStatus.Failed && a.TreeSize < record.TreeSize)
        .Select(a => (long?)a.TreeSize).MaxAsync(ct) ?? 0);

    private async Task<DateTimeOffset?> FirstCoveredCastAsync(AnchorRecord record, CancellationToken ct)
    {
        var previous = await db.Anchors.Where(a => a.ElectionId == record.ElectionId && a.Id != record.Id && a.Kind != AnchorKind.Open
                && a.Status != AnchorStatus.Failed && a.TreeSize < record.TreeSize).Select(a => (long?)a.TreeSize).MaxAsync(ct) ?? 0;
        return await db.BallotBox.Where(b => b.ElectionId == record.ElectionId && b.LogIndex == previous).Select(b => (DateTimeOffset?)b.CastAt).FirstOrDefaultAsync(ct);
    }

    private Task<string> Sign(FunctionMessage message, string contractAddress) => message switch
    {
        OpenElectionFunction open => chain.Signer.Eth.GetContractTransactionHandler<OpenElectionFunction>().SignTransactionAsync(contractAddress, open),
        AnchorFunction anchor => chain.Signer.Eth.GetContractTransactionHandler<AnchorFunction>().SignTransactionAsync(contractAddress, anchor),
        CloseElectionFunction close => chain.Signer.Eth.GetContractTransactionHandler<CloseElectionFunction>().SignTransactionAsync(contractAddress, close),
        _ => throw new ArgumentException("Unknown ledger message.", nameof(message)),
    };

    private static string HashOf(string raw) => "0x" + Sha3Keccack.Current.CalculateHashFromHex(raw);

    private static BigInteger Gwei(double gwei) => new(gwei * 1_000_000_000d);

    [LoggerMessage(Level = LogLevel.Information, Message = "Anchored: {Kind} at tree size {TreeSize} is final in {TransactionHash}, {GasUsed} gas, {CastToConfirmSeconds} s from cast")]
    private static partial void LogFinal(ILogger logger, AnchorKind kind, long treeSize, string transactionHash, long gasUsed, double? castToConfirmSeconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The chain lost this server's records: {Count} anchors no longer count as recorded ({Reason}). Nothing is anchored until an operator recovers the ledger (docs/operations.md)")]
    private static partial void LogRecordsLost(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed BallotLedger at {Address} on chain {ChainId}")]
    private static partial void LogDeployed(ILogger logger, string address, long chainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Kind} for {Slug} at tree size {TreeSize}: {TransactionHash}")]
    private static partial void LogSent(ILogger logger, AnchorKind kind, string slug, long treeSize, string transactionHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionHash} ({Kind}, tree size {TreeSize}) reverted; it will be planned again")]
    private static partial void LogReverted(ILogger logger, string transactionHash, AnchorKind kind, long treeSize);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reorg: transaction {TransactionHash} left block {OldBlock} (now {NewBlock})")]
    private static partial void LogReorg(ILogger logger, string transactionHash, long oldBlock, long newBlock);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaced stuck transaction {OldHash} with {NewHash} at a higher fee")]
    private static partial void LogReplaced(ILogger logger, string oldHash, string newHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionHash} is stuck but its fee is at the cap of {CapGwei} gwei")]
    private static partial void LogFeeCap(ILogger logger, string transactionHash, double capGwei);
}
