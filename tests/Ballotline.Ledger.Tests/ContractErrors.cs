using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Ballotline.Ledger.Tests;

[Error("NotAuthority")]
public sealed class NotAuthorityError;

[Error("TreeMustGrow")]
public sealed class TreeMustGrowError
{
    [Parameter("uint64", "anchored", 1)]
    public ulong Anchored { get; set; }

    [Parameter("uint64", "proposed", 2)]
    public ulong Proposed { get; set; }
}

[Error("ElectionIsClosed")]
public sealed class ElectionIsClosedError
{
    [Parameter("bytes32", "electionId", 1)]
    public byte[] ElectionId { get; set; } = [];
}
