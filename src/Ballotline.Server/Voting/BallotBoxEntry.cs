namespace Ballotline.Server.Voting;

/// <summary>
/// An accepted encrypted ballot and its place in the ballot log. It carries no voter identity: the roll and
/// the box are separate tables with no key between them.
/// </summary>
public sealed class BallotBoxEntry
{
    public long Id { get; set; }

    public Guid ElectionId { get; set; }

    /// <summary>0-based position in the election's ballot log (the Merkle tree leaf index).</summary>
    public long LogIndex { get; set; }

    /// <summary>Full tracking code, 64 lower-case hex digits.</summary>
    public required string TrackingCode { get; set; }

    /// <summary>Short code (XXXX-XXXX-XXXX-XXXX), for typing.</summary>
    public required string ShortCode { get; set; }

    public required string BallotJson { get; set; }

    public DateTimeOffset CastAt { get; set; }
}
