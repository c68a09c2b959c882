namespace Ballotline.Server.Operations;

/// <summary>One item of an election's pre-launch or launch-day checklist and who ticked it, with what evidence.</summary>
public sealed class ChecklistItem
{
    public long Id { get; set; }

    public Guid ElectionId { get; set; }

    public required string Key { get; set; }

    public bool Done { get; set; }

    public string? DoneBy { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public string Evidence { get; set; } = string.Empty;
}
