namespace Ballotline.TrusteeTool;

/// <summary>The ballot log a trustee's share decrypted the sum of: its size and RFC 9162 root (hex).</summary>
public sealed record DecryptedLog(long Ballots, string Root);
