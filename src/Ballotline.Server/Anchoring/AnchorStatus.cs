namespace Ballotline.Server.Anchoring;

/// <summary>accepted → submitted (tx hash) → confirmed k/N → final; failed ones are re-planned; lost ones wait for the operator.</summary>
public enum AnchorStatus
{
    /// <summary>Signed and stored, not yet known to have reached the node (a restart re-broadcasts it).</summary>
    Prepared,
    Submitted,
    Confirmed,
    Final,
    Failed,

    /// <summary>
    /// It was on the chain, but the chain no longer has it (the node lost its state, a reorg deeper than the
    /// confirmations, another network, the contract gone). It covers no ballot; the operator recovers by
    /// re-anchoring the whole log on a new contract (<see cref="LedgerRecovery"/>).
    /// </summary>
    Lost,
}
