namespace Ballotline.Server.Ledger;

/// <summary>accepted → submitted (tx hash) → confirmed k/N → final; failed ones are re-planned.</summary>
public enum AnchorStatus
{
    /// <summary>Signed and stored, not yet known to have reached the node (a restart re-broadcasts it).</summary>
    Prepared,
    Submitted,
    Confirmed,
    Final,
    Failed,
}
