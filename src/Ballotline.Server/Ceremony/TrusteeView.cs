using Ballotline.Crypto.Trustees;

namespace Ballotline.Server.Ceremony;

/// <summary>What a trustee's command line sees: the election, the ceremony's state, and the public data of the round due.</summary>
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

/// <summary>Another trustee as published: index, name, transport key and commitments once given.</summary>
public sealed record TrusteePublic(int Index, string Name, string? TransportKey, TrusteeCommitment? Commitment, bool Shared, bool Confirmed, bool Decrypted);

/// <summary>The administrator's view of one trustee in the ceremony.</summary>
public sealed record TrusteeProgress(int Index, string Name, bool Committed, bool Shared, bool Confirmed, bool Decrypted);

/// <summary>A trustee appointed, with the token it uses (shown once).</summary>
public sealed record AppointedTrustee(int Index, string Name, string Token);
