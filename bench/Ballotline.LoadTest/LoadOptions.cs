using System.Globalization;

namespace Ballotline.LoadTest;

/// <summary>
/// --provider sqlite|postgres, --postgres "Host=…", --voters N, --concurrency N,
/// --chain none|embedded|URL (with --authority-key), --recording batched|per-ballot, --batch-size N,
/// --encryption device|server (device: ballots encrypted beforehand by the voters' devices, as the browser does;
/// server: choices sent in the clear and encrypted by the server, the issue-4 measurement),
/// --instances N (PostgreSQL only: N server instances on one database behind Debian's nginx, --nginx PATH),
/// --rate R (open loop: voters arrive at R per second on average, Poisson, at most --concurrency casting at once, and
/// each latency counts from the voter's arrival; 0, the default, is the closed loop: --concurrency voters cast back to
/// back), --warmup N (N more voters cast first, unmeasured, then a wait until the runtime has compiled nothing for a
/// second, so the figures are those of a warmed-up server; 0 by default:
/// the runtime's tiered compiler is still re-compiling hot methods after 3,000 ballots and has settled after ~5,000,
/// see docs/performance.md), --timeline (with --rate: the latencies per quarter second of arrivals). Voters and warm-up voters together are at most 10,000, the most one voter import takes.
/// </summary>
internal sealed record LoadOptions(string Provider, string? Postgres, int Voters, int Concurrency, string Chain, string? AuthorityKey, string Recording, int BatchSize, string Encryption,
    int Instances, string Nginx, double Rate, int Warmup, bool Timeline)
{
    public static LoadOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var provider = Value("--provider", "sqlite");
        if (provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--provider must be sqlite or postgres");
        }

        var options = new LoadOptions(provider, Value("--postgres", Environment.GetEnvironmentVariable("BALLOTLINE_TEST_POSTGRES") ?? string.Empty),
            int.Parse(Value("--voters", "1000"), CultureInfo.InvariantCulture), int.Parse(Value("--concurrency", "200"), CultureInfo.InvariantCulture),
            Value("--chain", "none"), Value("--authority-key", string.Empty), Value("--recording", "batched"), int.Parse(Value("--batch-size", "100"), CultureInfo.InvariantCulture),
            Value("--encryption", "device") is var encryption && encryption is "device" or "server" ? encryption : throw new ArgumentException("--encryption must be device or server"),
            int.Parse(Value("--instances", "1"), CultureInfo.InvariantCulture) is var instances && instances >= 1 && (instances == 1 || provider == "postgres")
                ? instances : throw new ArgumentException("--instances must be at least 1, and more than 1 needs --provider postgres (one shared database)"),
            Value("--nginx", Environment.GetEnvironmentVariable("BALLOTLINE_NGINX") ?? "/usr/sbin/nginx"),
            double.Parse(Value("--rate", "0"), CultureInfo.InvariantCulture) is var rate && rate >= 0 ? rate : throw new ArgumentException("--rate must be 0 (closed loop) or a positive number of arrivals per second"),
            int.Parse(Value("--warmup", "0"), CultureInfo.InvariantCulture) is var warmup && warmup >= 0 ? warmup : throw new ArgumentException("--warmup must be 0 or a positive number of unmeasured ballots cast first"),
            args.Contains("--timeline"));
        return options.Voters >= 1 && options.Voters + options.Warmup <= MaxVoters ? options
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--voters must be at least 1, and --voters plus --warmup at most {MaxVoters:N0} (one voter import takes at most {MaxVoters:N0} rows)"));
    }

    private const int MaxVoters = Ballotline.Server.PilotGroup.PilotGroupCsv.MaxRows;
}
