namespace Ballotline.Server.Voting;

/// <summary>
/// A ballot the voter challenged (Benaloh): published with the nonces its device revealed and what they open it
/// to, and never counted. Deliberately not linked to a voter, and its time kept only to the hour, so that the
/// published opening — often the voter's real choice, re-encrypted afterwards — cannot be tied back to them.
/// </summary>
public sealed class SpoiledBallot
{
    public long Id { get; set; }

    public Guid ElectionId { get; set; }

    public required string TrackingCode { get; set; }

    public required string ShortCode { get; set; }

    public required string BallotJson { get; set; }

    /// <summary>The revealed selection nonces, contest by contest (hex scalars).</summary>
    public required string NoncesJson { get; set; }

    /// <summary>What the nonces open the ballot to: for each contest id, the candidate ids it encrypts.</summary>
    public required string SelectionsJson { get; set; }

    /// <summary>The hour it was challenged (UTC, truncated): enough to list, too coarse to match against request logs.</summary>
    public DateTimeOffset SpoiledHour { get; set; }
}
