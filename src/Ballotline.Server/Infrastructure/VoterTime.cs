namespace Ballotline.Server.Infrastructure;

/// <summary>
/// How a time is kept beside a voter: the UTC day only. Voters register, vote and answer the feedback form within
/// minutes of each other, and the ballot box's cast times are public; an exact time beside a voter — or one that
/// orders voters as their ballots are ordered — would point at their ballot. Every voter's time on a day is the same
/// midnight, so it orders no one.
/// </summary>
public static class VoterTime
{
    public static DateTimeOffset Day(DateTimeOffset time) => new(time.UtcDateTime.Date, TimeSpan.Zero);
}
