namespace Ballotline.Server.Tests;

/// <summary>A clock the test moves by hand, to reach the schedule's edges without waiting.</summary>
internal sealed class AdjustableClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
