using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Anchoring;

/// <summary>
/// A contract this server anchors to on a chain (deployed by it, or configured). One per chain is active; a
/// deployment whose records the chain lost is retired with the reason, and stays as history.
/// </summary>
public sealed class LedgerDeployment
{
    public int Id { get; set; }

    public long ChainId { get; set; }

    public required string ContractAddress { get; set; }

    public string? DeploymentTransaction { get; set; }

    public DateTimeOffset DeployedAt { get; set; }

    /// <summary>Keccak-256 of the contract's runtime code when first seen: the code must still be there, unchanged, before every pass.</summary>
    public string? CodeHash { get; set; }

    /// <summary>When the chain was found to have lost this contract's records; null while it is the active deployment.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public string? RetiredReason { get; set; }

    /// <summary>Who recovered onto this deployment and why (null for the first one).</summary>
    public string? RecoveryNote { get; set; }

    /// <summary>The deployment in use on a chain (none while the chain's records are lost and not yet recovered).</summary>
    public static Task<LedgerDeployment?> ActiveAsync(IQueryable<LedgerDeployment> deployments, long chainId, CancellationToken ct) =>
        deployments.Where(d => d.ChainId == chainId && d.RetiredAt == null).OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
}
