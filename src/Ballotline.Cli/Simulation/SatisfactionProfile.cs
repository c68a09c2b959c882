namespace Ballotline.Cli.Simulation;

/// <summary>How synthetic voters feel afterwards: the weights of overall ratings 1–5 and the yes-shares.</summary>
public sealed record SatisfactionProfile(string Name, IReadOnlyList<double> OverallWeights, double WouldTrust, double WouldUseAgain)
{
    public static SatisfactionProfile Happy { get; } = new("happy", [0, 2, 8, 35, 55], 0.9, 0.92);

    public static SatisfactionProfile Mixed { get; } = new("mixed", [5, 15, 30, 30, 20], 0.7, 0.65);

    public static SatisfactionProfile Unhappy { get; } = new("unhappy", [20, 30, 30, 15, 5], 0.4, 0.3);

    public static IReadOnlyList<SatisfactionProfile> All { get; } = [Happy, Mixed, Unhappy];
}
