namespace Ballotline.Server.Operations;

public enum IssueStatus
{
    Open,
    Workaround,
    Fixed,
}
