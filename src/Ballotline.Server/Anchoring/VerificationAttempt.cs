namespace Ballotline.Server.Anchoring;

/// <summary>A voter (or anyone) checked a ballot against the chain: when, and with what result. No identity.</summary>
public sealed class VerificationAttempt
{
    public long Id { get; set; }

    public Guid ElectionId { get; set; }

    public DateTimeOffset At { get; set; }

    public bool Verified { get; set; }

    public required string Reason { get; set; }
}
