namespace Ballotline.Server.Ledger;

/// <summary>The contract this server anchors to on a chain (deployed by it, or configured).</summary>
public sealed class LedgerDeployment
{
    public int Id { get; set; }

    public long ChainId { get; set; }

    public required string ContractAddress { get; set; }

    public string? DeploymentTransaction { get; set; }

    public DateTimeOffset DeployedAt { get; set; }
}
