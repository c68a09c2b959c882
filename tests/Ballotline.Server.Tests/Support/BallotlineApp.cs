using Ballotline.Server.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ballotline.Server.Tests;

/// <summary>
/// A whole Ballotline server for one test: its own SQLite file or its own PostgreSQL database, its own clock.
/// PostgreSQL comes from BALLOTLINE_TEST_POSTGRES (set by ./test.sh, which starts a throwaway server).
/// </summary>
internal sealed class BallotlineApp : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;
    private readonly string? _postgresDatabase;
    private readonly string? _postgresServer;

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    public BallotlineApp(StorageProvider provider = StorageProvider.Sqlite, string? postgresDatabase = null, string? dataDirectory = null)
    {
        Provider = provider;
        _dataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "ballotline-tests", Guid.NewGuid().ToString("N"));
        if (provider == StorageProvider.Postgres)
        {
            _postgresServer = Environment.GetEnvironmentVariable("BALLOTLINE_TEST_POSTGRES")
                ?? throw new InvalidOperationException("BALLOTLINE_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL on 127.0.0.1.");
            _postgresDatabase = postgresDatabase ?? "ballotline_test_" + Guid.NewGuid().ToString("N")[..12];
        }
    }

    public StorageProvider Provider { get; }

    public string? PostgresDatabase => _postgresDatabase;

    /// <summary>Anchors on a JSON-RPC node as the given authority, with short test intervals.</summary>
    public BallotlineApp WithChain(string rpcUrl, string authorityKey, long chainId = 31337, string recordingConfirmations = "2")
    {
        var keyFile = Path.Combine(_dataDirectory, "authority.key");
        Directory.CreateDirectory(_dataDirectory);
        File.WriteAllText(keyFile, authorityKey);
        _settings["Chain:Mode"] = "JsonRpc";
        _settings["Chain:RpcUrl"] = rpcUrl;
        _settings["Chain:ChainId"] = chainId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _settings["Chain:AuthorityKeyFile"] = keyFile;
        _settings["Chain:AuthorityKeyVariable"] = "BALLOTLINE_TEST_NO_SUCH_VARIABLE";
        _settings["Chain:PollSeconds"] = "0.2";
        _settings["Chain:BatchSeconds"] = "0.5";
        _settings["Chain:Confirmations"] = recordingConfirmations;
        _settings["Chain:ReplaceAfterSeconds"] = "2";
        _settings["Chain:ExplorerTransactionUrl"] = "https://explorer.example/tx/{tx}";
        return this;
    }

    public BallotlineApp With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Changes the product's services after it registered them (a test's instrument, never a stub of what is tested).</summary>
    public BallotlineApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    public AdjustableClock Clock { get; } = new();

    public string ConnectionString => Provider == StorageProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresDatabase }.ConnectionString
        : $"Data Source={Path.Combine(_dataDirectory, "ballotline.db")}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_dataDirectory);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Setup:PrintLinkOnStart", "false");
        builder.UseSetting("PilotLog:Path", Path.Combine(_dataDirectory, "logs", "pilot_election.log"));
        builder.UseSetting("Chain:BatchSeconds", "1");
        builder.UseSetting("Chain:PollSeconds", "0.2");
        builder.UseSetting("RateLimits:SignInPerMinutePerAddress", "100000");
        builder.UseSetting("RateLimits:RegistrationPerMinutePerAddress", "100000");
        builder.UseSetting("RateLimits:CastingPerMinutePerVoter", "100000");

        // Receipts and final notices over SMTP leave at the end of an hour's slot in the product (docs/security.md);
        // tests about something else send them at once. Mail/BallotMailSlotTests and Security/BallotSecrecyTests keep
        // the product's slot.
        builder.UseSetting("Mail:BallotMailSlotMinutes", "0");

        // Voting:ServerSideEncryption keeps the product's default (off): every test casts ballots encrypted on the
        // voter's device (PilotDriver.CastAsync), as browsers and the simulator do. Only the tests about the
        // server-side path turn it on (PilotDriver.CastInTheClearAsync).
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        foreach (var configure in _services)
        {
            builder.ConfigureServices(configure);
        }
    }

    public async Task<T> WithServiceAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="action"/> in a fresh scope, for a step that returns nothing (e.g. one pass of a background loop).</summary>
    public Task WithServiceAsync(Func<IServiceProvider, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return WithServiceAsync(async s =>
        {
            await action(s);
            return true;
        });
    }

    public Task<T> WithDbAsync<T>(Func<BallotlineDb, Task<T>> action) => WithServiceAsync(s => action(s.GetRequiredService<BallotlineDb>()));

    /// <summary>Keep the database when disposing (a second instance or a restart uses it).</summary>
    public bool KeepDatabase { get; set; }

    public string DataDirectory => _dataDirectory;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (KeepDatabase)
        {
            return;
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp directory is cleaned by the OS.
        }
    }
}
