namespace Ballotline.Server.Accounts;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Support = "Support";
    public const string Voter = "Voter";

    public static IReadOnlyList<string> All { get; } = [Administrator, Support, Voter];
}
