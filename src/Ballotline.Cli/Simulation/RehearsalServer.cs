using System.Globalization;
using Ballotline.Ledger.Faults;
using Ballotline.Server.Accounts;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Cli.Simulation;

/// <summary>
/// A Ballotline server started by the simulator on its embedded defaults (or on a given JSON-RPC node) in a
/// temporary data directory, listening on a free loopback port, with the simulator's chain faults between it
/// and its chain. The simulator still talks to it only through HTTP.
/// </summary>
public sealed class RehearsalServer : IAsyncDisposable
{
    public const string AdminEmail = "rehearsal-admin@simulation.ballotline.test";

    private readonly WebApplication _app;

    private RehearsalServer(WebApplication app, Uri url, string dataDirectory, string password)
    {
        _app = app;
        Url = url;
        DataDirectory = dataDirectory;
        AdminPassword = password;
    }

    public Uri Url { get; }

    public string DataDirectory { get; }

    public string AdminPassword { get; }

    /// <summary>The server's services, for benchmarks that seed a large pilot directly into its database.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<RehearsalServer> StartAsync(SimulationOptions options, ChainFaults faults, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = Path.Combine(Path.GetTempPath(), "ballotline-simulation", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(data);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ServerFeatures).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = data,
            ["Setup:PrintLinkOnStart"] = "false",
            ["PilotLog:Path"] = Path.Combine(data, "logs", "pilot_election.log"),
            ["PilotLog:ConsoleLevel"] = "Fatal",
            // Time is compressed, so the anchorer batches and polls on the same compressed clock.
            ["Chain:BatchSeconds"] = "2",
            ["Chain:PollSeconds"] = "0.5",
            ["Chain:ReplaceAfterSeconds"] = "20",
            // One simulator on one address stands for a whole pilot group on theirs.
            ["RateLimits:SignInPerMinutePerAddress"] = "1000000",
            ["RateLimits:RegistrationPerMinutePerAddress"] = "1000000",
            ["RateLimits:CastingPerMinutePerVoter"] = "1000000",
            ["RateLimits:TicketsPerMinutePerAddress"] = "1000000",
        };
        if (options.Rpc is not null)
        {
            settings["Chain:Mode"] = "JsonRpc";
            settings["Chain:RpcUrl"] = options.Rpc.ToString();
            settings["Chain:ChainId"] = options.ChainId.ToString(CultureInfo.InvariantCulture);
            settings["Chain:Confirmations"] = "1";
            settings["Chain:Name"] = $"JSON-RPC node at {options.Rpc.Authority}";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBallotlineLogging();
        builder.AddBallotline();
        builder.Services.AddSingleton(faults);
        var app = builder.Build();
        app.UseBallotline();
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
            var token = await setup.IssueTokenAsync(ct) ?? throw new InvalidOperationException("The fresh rehearsal server was already set up.");
            await setup.CreateFirstAdministratorAsync(token, AdminEmail, "Rehearsal administrator", password, ct);
        }

        return new RehearsalServer(app, new Uri(address), data, password);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
