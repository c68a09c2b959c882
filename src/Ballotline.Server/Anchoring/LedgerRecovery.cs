using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Anchoring;

/// <summary>
/// The operator's explicit, audited answer to a chain that lost this server's records: a new BallotLedger is
/// deployed (or a given one adopted) and becomes the active deployment; the anchorer then re-anchors every
/// election's whole log on it (open, the log at its full size, and the close of a tallied election). The lost
/// anchors stay in the database and the election record as history, with the reason.
/// </summary>
public sealed partial class LedgerRecovery(BallotlineDb db, AnchorService anchors, ChainConnection chain, ChainHealth health, Observability.PilotMetrics metrics, TimeProvider clock, ILogger<LedgerRecovery> logger)
{
    public sealed record RecoveryRequest(string? Reason);

    public sealed record RecoveryView(string ContractAddress, long ChainId, string PreviousContractAddress, string LostBecause, int ElectionsToReanchor);

    public async Task<RecoveryView> RecoverAsync(string actor, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            throw new DomainException("reason-required", "Say why the ledger is recovered (what happened to the node, what was checked), in at most 500 characters: it goes into every election's audit log and record.");
        }

        if (!chain.Options.Enabled)
        {
            throw DomainException.Conflict("no-chain", "This server records no chain (Chain:Mode is None): there is nothing to recover.");
        }

        var deployments = await db.LedgerDeployments.AsNoTracking().Where(d => d.ChainId == chain.Options.ChainId).OrderBy(d => d.Id).ToListAsync(ct);
        if (deployments.Count == 0 || deployments.Any(d => d.RetiredAt is null))
        {
            throw DomainException.Conflict("nothing-to-recover", "The chain still holds this server's records (no deployment is retired as lost): there is nothing to recover.");
        }

        var previous = deployments[^1];
        var note = $"recovered by {actor} at {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC after {previous.ContractAddress} was lost ({previous.RetiredReason}): {reason.Trim()}";
        var deployment = await anchors.DeployAsync(note, ct);
        var affected = await db.Anchors.Where(a => a.Status == AnchorStatus.Lost).Select(a => a.ElectionId).Distinct().ToListAsync(ct);
        foreach (var electionId in affected)
        {
            db.AuditLog.Add(new AuditEntry
            {
                ElectionId = electionId,
                Actor = actor,
                Action = "ledger-recovered",
                Reason = $"the whole ballot log is anchored again on {deployment.ContractAddress} (chain {chain.Options.ChainId}); {previous.ContractAddress} was lost: {previous.RetiredReason}. {reason.Trim()}",
                At = clock.GetUtcNow(),
            });
        }

        await db.SaveChangesAsync(ct);
        health.MarkRecordsLost(null);
        metrics.ChainRecordsLost.Set(0);
        LogRecovered(logger, actor, deployment.ContractAddress, previous.ContractAddress, affected.Count);
        return new RecoveryView(deployment.ContractAddress, chain.Options.ChainId, previous.ContractAddress, previous.RetiredReason ?? string.Empty, affected.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger recovered by {Actor}: re-anchoring every election on {Contract}, replacing the lost {Previous} ({Elections} elections)")]
    private static partial void LogRecovered(ILogger logger, string actor, string contract, string previous, int elections);
}
