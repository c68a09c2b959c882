using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Data;

public static class DataServiceExtensions
{
    public static IServiceCollection AddBallotlineData(this IServiceCollection services, IConfiguration configuration)
    {
        // First hosted service: the schema exists before anything else (data protection's key ring) reads it.
        services.AddHostedService<DatabaseMigrator>();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = options.ResolveConnectionString();
        // Pooled: a context is reset and reused rather than built for every request. Building one (resolving EF Core's
        // internal services for it on first use) was ~2.5% of a cast's CPU, as much as the cast's own query.
        if (options.IsPostgres)
        {
            services.AddDbContextPool<BallotlineDb, PostgresBallotlineDb>(o => o.UseNpgsql(connectionString));
        }
        else
        {
            // Deleted rows overwritten, not left in free space; a busy lock waited for inside SQLite (SqlitePragmas).
            services.AddDbContextPool<BallotlineDb, SqliteBallotlineDb>(o => o.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()));
        }

        // Keys in the database: every server instance behind a load balancer reads the same cookies and tokens.
        // Encrypted with a key that is not in the database (see KeyRingEncryptor).
        var keyRingKey = new KeyRingKey(KeyRingEncryptor.LoadKey(configuration, options.DataDirectory));
        services.AddSingleton(keyRingKey);
        services.AddDataProtection().SetApplicationName("Ballotline").PersistKeysToDbContext<BallotlineDb>();
        services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new KeyRingEncryptor(keyRingKey));
        services.AddHealthChecks().AddDbContextCheck<BallotlineDb>("database");
        return services;
    }
}
