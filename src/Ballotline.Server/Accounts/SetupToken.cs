namespace Ballotline.Server.Accounts;

/// <summary>The one-time link that creates the first administrator; only its hash is stored.</summary>
public sealed class SetupToken
{
    public int Id { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? UsedAt { get; set; }
}
