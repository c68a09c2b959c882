namespace Ballotline.Server.Elections;

/// <summary>Who changed what and why. Written in the same transaction as the change it records.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public Guid? ElectionId { get; set; }

    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public string? FromState { get; set; }

    public string? ToState { get; set; }

    public string Reason { get; set; } = string.Empty;
}
