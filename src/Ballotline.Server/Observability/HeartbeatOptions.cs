using System.ComponentModel.DataAnnotations;

namespace Ballotline.Server.Observability;

/// <summary>Section <c>Heartbeat</c>: how often the server records that it is up (the report's uptime).</summary>
public sealed class HeartbeatOptions
{
    public const string Section = "Heartbeat";

    [Range(1, 3600)]
    public int Seconds { get; set; } = 60;
}
