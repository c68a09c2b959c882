using System.Globalization;

namespace Ballotline.LoadTest;

/// <summary>--provider sqlite|postgres, --postgres "Host=…", --voters N, --concurrency N.</summary>
internal sealed record LoadOptions(string Provider, string? Postgres, int Voters, int Concurrency)
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

        return new LoadOptions(provider, Value("--postgres", Environment.GetEnvironmentVariable("BALLOTLINE_TEST_POSTGRES") ?? string.Empty),
            int.Parse(Value("--voters", "1000"), CultureInfo.InvariantCulture), int.Parse(Value("--concurrency", "200"), CultureInfo.InvariantCulture));
    }
}
