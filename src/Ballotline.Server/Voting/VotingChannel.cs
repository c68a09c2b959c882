namespace Ballotline.Server.Voting;

public enum VotingChannel
{
    Online,
    Backup,
}
