namespace Ballotline.Cli.Simulation;

/// <summary>What <c>ballotline simulate</c> rehearses. Times are the plan's, compressed by <see cref="TimeScale"/>.</summary>
public sealed record SimulationOptions
{
    public int Voters { get; init; } = 100;

    public double TechnicalShare { get; init; } = 0.4;

    public int Seed { get; init; } = 1;

    /// <summary>A running server to drive; null starts one on the embedded defaults in a temporary directory.</summary>
    public Uri? Url { get; init; }

    /// <summary>Administrator of the server at <see cref="Url"/> (password from BALLOTLINE_PASSWORD).</summary>
    public string? Email { get; init; }

    public string? Password { get; init; }

    /// <summary>For the server the simulator starts: anchor on this JSON-RPC node instead of the embedded chain.</summary>
    public Uri? Rpc { get; init; }

    public long ChainId { get; init; } = 31337;

    public string Recording { get; init; } = "Batched";

    public DropOffProfile DropOff { get; init; } = DropOffProfile.Typical;

    public SatisfactionProfile Satisfaction { get; init; } = SatisfactionProfile.Happy;

    /// <summary>Chain outage starting when half the expected ballots are cast; zero for none.</summary>
    public TimeSpan ChainOutage { get; init; }

    public double RpcErrorRate { get; init; }

    public TimeSpan RpcDelay { get; init; }

    /// <summary>1 = the plan's real durations (5 min to register, 2 to vote); 0.01 = a hundred times faster.</summary>
    public double TimeScale { get; init; } = 0.01;

    public int Concurrency { get; init; } = 16;

    /// <summary>Trustees holding the election key (1: the server holds it); more rehearses the k-of-n ceremony.</summary>
    public int Trustees { get; init; } = 1;

    /// <summary>Trustees needed to decrypt; the rehearsal decrypts with exactly this many, the others absent.</summary>
    public int Quorum { get; init; } = 1;

    public DirectoryInfo Output { get; init; } = new("reports");

    /// <summary>How long to wait for every ballot to be final on the chain before giving up.</summary>
    public TimeSpan FinalityTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public bool InjectsFaults => ChainOutage > TimeSpan.Zero || RpcErrorRate > 0 || RpcDelay > TimeSpan.Zero;

    /// <summary>Every reason the options cannot run, in words for the command line.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Voters is < 1 or > 100_000)
        {
            problems.Add($"--voters must be between 1 and 100000, not {Voters}.");
        }

        if (TechnicalShare is < 0 or > 1 || double.IsNaN(TechnicalShare))
        {
            problems.Add($"--technical-share must be between 0 and 1, not {TechnicalShare}.");
        }

        if (RpcErrorRate is < 0 or > 0.9 || double.IsNaN(RpcErrorRate))
        {
            problems.Add($"--rpc-error-rate must be between 0 and 0.9, not {RpcErrorRate}.");
        }

        if (TimeScale is < 0 or > 1 || double.IsNaN(TimeScale))
        {
            problems.Add($"--time-scale must be between 0 and 1, not {TimeScale}.");
        }

        if (Concurrency is < 1 or > 1000)
        {
            problems.Add($"--concurrency must be between 1 and 1000, not {Concurrency}.");
        }

        if (Trustees is < 1 or > 20 || Quorum < 1 || Quorum > Trustees)
        {
            problems.Add($"--trustees must be 1 to 20 and --quorum 1 to --trustees, not {Quorum} of {Trustees}.");
        }

        if (ChainOutage < TimeSpan.Zero || RpcDelay < TimeSpan.Zero)
        {
            problems.Add("--chain-outage and --rpc-delay-ms cannot be negative.");
        }

        if (Url is not null && (InjectsFaults || Rpc is not null))
        {
            problems.Add("Fault injection and --rpc apply to the server the simulator starts; a server given with --url keeps its own chain connection.");
        }

        if (Url is not null && (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password)))
        {
            problems.Add("Driving the server at --url needs an administrator: pass --email (or set BALLOTLINE_EMAIL) and set BALLOTLINE_PASSWORD.");
        }

        if (!string.Equals(Recording, "Batched", StringComparison.OrdinalIgnoreCase) && !string.Equals(Recording, "PerBallot", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"--recording must be Batched or PerBallot, not '{Recording}'.");
        }

        return problems;
    }
}
