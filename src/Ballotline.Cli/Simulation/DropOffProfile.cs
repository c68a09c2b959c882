namespace Ballotline.Cli.Simulation;

/// <summary>
/// How far synthetic voters go: the chance of taking each step of the pilot funnel given the one before, and
/// of the side journeys (verifying, giving feedback, asking for help, challenging a ballot before casting).
/// </summary>
public sealed record DropOffProfile(
    string Name,
    double StartsRegistration,
    double CompletesRegistration,
    double OpensBallot,
    double Casts,
    double Verifies,
    double GivesFeedback,
    double FilesTicket,
    double Challenges)
{
    /// <summary>Everyone does everything: the funnel shows only what the system loses.</summary>
    public static DropOffProfile None { get; } = new("none", 1, 1, 1, 1, 1, 1, 0.02, 0.1);

    /// <summary>What the plan expects of a willing pilot group: about 95% of invited voters cast.</summary>
    public static DropOffProfile Typical { get; } = new("typical", 0.99, 0.98, 0.99, 0.99, 0.65, 0.85, 0.05, 0.1);

    /// <summary>A struggling pilot: registration loses one in five, fewer verify, more ask for help.</summary>
    public static DropOffProfile High { get; } = new("high", 0.9, 0.8, 0.9, 0.85, 0.4, 0.6, 0.12, 0.05);

    public static IReadOnlyList<DropOffProfile> All { get; } = [None, Typical, High];
}
