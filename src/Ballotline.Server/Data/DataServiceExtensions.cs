using Microsoft.AspNetCore.DataProtection;
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
        if (options.IsPostgres)
        {
            services.AddDbContext<BallotlineDb, PostgresBallotlineDb>(o => o.UseNpgsql(connectionString));
        }
        else
        {
            services.AddDbContext<BallotlineDb, SqliteBallotlineDb>(o => o.UseSqlite(connectionString));
        }

        // Keys in the database: every server instance behind a load balancer reads the same cookies and tokens.
        services.AddDataProtection().SetApplicationName("Ballotline").PersistKeysToDbContext<BallotlineDb>();
        services.AddHealthChecks().AddDbContextCheck<BallotlineDb>("database");
        return services;
    }
}
