using System.ComponentModel.DataAnnotations;

namespace Ballotline.Server.Infrastructure;

/// <summary>Section <c>RateLimits</c>: requests per minute for the endpoints people could hammer.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 1_000_000)]
    public int SignInPerMinutePerAddress { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int RegistrationPerMinutePerAddress { get; set; } = 30;

    [Range(1, 1_000_000)]
    public int CastingPerMinutePerVoter { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int TicketsPerMinutePerAddress { get; set; } = 5;
}
