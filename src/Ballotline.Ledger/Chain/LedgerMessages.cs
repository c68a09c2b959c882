using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Ballotline.Ledger.Chain;

[Function("openElection")]
public sealed class OpenElectionFunction : FunctionMessage
{
    [Parameter("bytes32", "electionId", 1)]
    public byte[] ElectionId { get; set; } = [];

    [Parameter("bytes32", "manifestHash", 2)]
    public byte[] ManifestHash { get; set; } = [];
}

[Function("anchor")]
public sealed class AnchorFunction : FunctionMessage
{
    [Parameter("bytes32", "electionId", 1)]
    public byte[] ElectionId { get; set; } = [];

    [Parameter("uint64", "treeSize", 2)]
    public ulong TreeSize { get; set; }

    [Parameter("bytes32", "root", 3)]
    public byte[] Root { get; set; } = [];
}

[Function("closeElection")]
public sealed class CloseElectionFunction : FunctionMessage
{
    [Parameter("bytes32", "electionId", 1)]
    public byte[] ElectionId { get; set; } = [];

    [Parameter("uint64", "treeSize", 2)]
    public ulong TreeSize { get; set; }

    [Parameter("bytes32", "root", 3)]
    public byte[] Root { get; set; } = [];

    [Parameter("bytes32", "resultHash", 4)]
    public byte[] ResultHash { get; set; } = [];
}

[Function("elections", typeof(ElectionStateOutput))]
public sealed class ElectionsFunction : FunctionMessage
{
    [Parameter("bytes32", "electionId", 1)]
    public byte[] ElectionId { get; set; } = [];
}

[FunctionOutput]
public sealed class ElectionStateOutput : IFunctionOutputDTO
{
    [Parameter("uint64", "treeSize", 1)]
    public ulong TreeSize { get; set; }

    [Parameter("bool", "opened", 2)]
    public bool Opened { get; set; }

    [Parameter("bool", "closed", 3)]
    public bool Closed { get; set; }
}

[Event("Anchored")]
public sealed class AnchoredEvent : IEventDTO
{
    [Parameter("bytes32", "electionId", 1, true)]
    public byte[] ElectionId { get; set; } = [];

    [Parameter("uint64", "treeSize", 2, false)]
    public ulong TreeSize { get; set; }

    [Parameter("bytes32", "root", 3, false)]
    public byte[] Root { get; set; } = [];
}

[Event("ElectionOpened")]
public sealed class ElectionOpenedEvent : IEventDTO
{
    [Parameter("bytes32", "electionId", 1, true)]
    public byte[] ElectionId { get; set; } = [];

    [Parameter("bytes32", "manifestHash", 2, false)]
    public byte[] ManifestHash { get; set; } = [];
}

[Event("ElectionClosed")]
public sealed class ElectionClosedEvent : IEventDTO
{
    [Parameter("bytes32", "electionId", 1, true)]
    public byte[] ElectionId { get; set; } = [];

    [Parameter("uint64", "treeSize", 2, false)]
    public ulong TreeSize { get; set; }

    [Parameter("bytes32", "root", 3, false)]
    public byte[] Root { get; set; } = [];

    [Parameter("bytes32", "resultHash", 4, false)]
    public byte[] ResultHash { get; set; } = [];
}

/// <summary>An anchor as read back from the chain.</summary>
public sealed record ChainAnchor(long TreeSize, byte[] Root, string TransactionHash, BigInteger BlockNumber);

[Function("finalRoots", "bytes32")]
public sealed class FinalRootFunction : FunctionMessage
{
    [Parameter("bytes32", "electionId", 1)]
    public byte[] ElectionId { get; set; } = [];
}
