namespace Ballotline.Server.Voting;

/// <summary>
/// "This voter has voted in this election" — nothing more. The unique key (election, voter) is what enforces
/// one ballot per voter, inside the casting transaction. It has no link to the ballot box.
/// </summary>
public sealed class VoterRollEntry
{
    public long Id { get; set; }

    public Guid ElectionId { get; set; }

    public Guid PilotVoterId { get; set; }

    public DateTimeOffset CastAt { get; set; }

    /// <summary>Online, or the traditional backup channel after a rollback: one vote per voter across both.</summary>
    public VotingChannel Channel { get; set; } = VotingChannel.Online;

    /// <summary>Seconds from ballot shown to ballot cast (a pilot metric); null when not measured.</summary>
    public double? VotingSeconds { get; set; }
}
