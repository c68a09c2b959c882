namespace Ballotline.Server.Voting;

/// <summary>
/// "This voter has voted in this election" — nothing more: no time, no position. The unique key (election, voter)
/// is what enforces one ballot per voter, inside the casting transaction. It has no link to the ballot box; its
/// row order, which follows the log's while voting runs, is re-drawn at random when voting closes.
/// </summary>
public sealed class VoterRollEntry
{
    public long Id { get; set; }

    public Guid ElectionId { get; set; }

    public Guid PilotVoterId { get; set; }

    /// <summary>Online, or the traditional backup channel after a rollback: one vote per voter across both.</summary>
    public VotingChannel Channel { get; set; } = VotingChannel.Online;
}
