using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Ballotline.Server.Data;

/// <summary>Applies pending migrations before the server accepts requests.</summary>
internal sealed partial class DatabaseMigrator(IServiceProvider services, IConfiguration configuration, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BallotlineDb>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (receipts, verification) proceed while a ballot is being written.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        else if (db.Database.IsNpgsql())
        {
            await PostgresDatabase.EnsureExistsAsync(db.Database.GetConnectionString()!, cancellationToken);

            // Instances that start together on one database migrate one after the other: EF Core's own migration lock
            // lasts one migration's transaction, and an instance that had read the history before the other's commit
            // applied the same migration again ("column already exists") and did not start. The lock is the
            // session's, on the connection the migrator uses, released explicitly (a pooled connection keeps it).
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        }

        try
        {
            // The history table first: on a new PostgreSQL database the migrator finds it missing by a failing query,
            // which it logs as an error.
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }

        LogMigrated(logger, db.Database.ProviderName ?? "unknown");
        if (db.Database.IsNpgsql() && string.IsNullOrEmpty(configuration["DataProtection:KeyRingKey"]))
        {
            // Each instance would otherwise create its own data/keyring.key and fail to read the others' keys.
            LogKeyRingPerInstance(logger);
        }
    }

    // "BallotM": apart from the anchorer's leader lock (Anchoring/LeaderLock).
    private const long MigrationLockKey = 0x42_61_6C_6C_6F_74_4D;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL without DataProtection:KeyRingKey: this instance encrypts the shared key ring with its own data/keyring.key. Running several instances? Give them all the same DataProtection:KeyRingKey.")]
    private static partial void LogKeyRingPerInstance(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);
}
