using Ballotline.Crypto.Trustees;

namespace Ballotline.TrusteeTool;

/// <summary>
/// The server's answer on <c>/api/trustee/{token}</c> as this tool reads it: the election, the ceremony's stage for
/// this trustee, the others' public data and the shares dealt to this trustee. The tool's own copy of the wire
/// format (not the server's type), checked against the server's OpenAPI document by the test suite.
/// </summary>
public sealed record TrusteeView(
    Guid ElectionId,
    string Election,
    int Index,
    int Trustees,
    int Quorum,
    string ManifestJson,
    string BaseHash,
    string Stage,
    IReadOnlyList<TrusteePublic> Others,
    IReadOnlyList<ShareEnvelope> EnvelopesForMe);

/// <summary>Another trustee as published: index, name, transport key and commitments once given, and their progress.</summary>
public sealed record TrusteePublic(int Index, string Name, string? TransportKey, TrusteeCommitment? Commitment, bool Shared, bool Confirmed, bool Decrypted);
