namespace Ballotline.Cli.Simulation;

/// <summary>What a rehearsal produced: its checks, the verdict the server computed, and where the reports are.</summary>
public sealed record SimulationOutcome(
    IReadOnlyList<SimulationCheck> Checks,
    string Verdict,
    string SuccessTable,
    IReadOnlyList<string> ReportFiles,
    TimeSpan Duration,
    int Voters)
{
    public bool Passed => Checks.All(c => c.Passed);

    public double VotersPerMinute => Voters / Math.Max(Duration.TotalMinutes, 1e-9);
}
