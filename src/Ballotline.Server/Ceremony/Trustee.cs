namespace Ballotline.Server.Ceremony;

/// <summary>
/// One of an election's k-of-n trustees and where they are in the ceremony. The server keeps only public data
/// and sealed envelopes it cannot open: the trustee's secrets stay in their key file on their own machine.
/// </summary>
public sealed class Trustee
{
    public long Id { get; set; }

    public Guid ElectionId { get; set; }

    /// <summary>1 … n.</summary>
    public int Index { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the trustee's access token (the token itself is shown once, when appointed).</summary>
    public required string TokenHash { get; set; }

    /// <summary>Round 1: the public key others seal shares to.</summary>
    public string? TransportKey { get; set; }

    /// <summary>Round 1: the coefficient commitments with their Schnorr proofs.</summary>
    public string? CommitmentJson { get; set; }

    public DateTimeOffset? CommittedAt { get; set; }

    /// <summary>Round 2: the shares this trustee dealt, each sealed to its recipient.</summary>
    public string? EnvelopesJson { get; set; }

    public DateTimeOffset? SharedAt { get; set; }

    /// <summary>Round 3: the trustee opened and checked every share dealt to it and holds its key share.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>After voting: the trustee's partial decryption of the tally, with proofs (accepted only if they verify).</summary>
    public string? DecryptionJson { get; set; }

    public DateTimeOffset? DecryptedAt { get; set; }
}
