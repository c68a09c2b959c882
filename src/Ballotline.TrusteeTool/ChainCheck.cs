using Ballotline.Verifier;

namespace Ballotline.TrusteeTool;

/// <summary>Where a trustee checks the closed ballot log before decrypting: the election's announcement (kept from before voting) and a JSON-RPC endpoint of its chain.</summary>
public sealed record ChainCheck(ElectionAnnouncement Announcement, string RpcUrl);
