namespace Ballotline.Server.Anchoring;

/// <summary><c>Chain:Mode</c>: where ballots are anchored.</summary>
public enum ChainMode
{
    /// <summary>No chain: the ballot log alone (receipts say so).</summary>
    None,

    /// <summary>Ballotline's own in-process EVM chain (the default; local, not a public blockchain).</summary>
    Embedded,

    /// <summary>An Ethereum-compatible node at <c>Chain:RpcUrl</c>.</summary>
    JsonRpc,
}
