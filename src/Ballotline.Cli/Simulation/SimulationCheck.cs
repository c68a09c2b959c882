namespace Ballotline.Cli.Simulation;

/// <summary>One of the simulation's own checks: the published outcome against what the synthetic voters did.</summary>
public sealed record SimulationCheck(string Name, bool Passed, string Detail)
{
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")}  {Name}: {Detail}";
}
