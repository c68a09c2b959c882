using Microsoft.EntityFrameworkCore;

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

        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, db.Database.ProviderName ?? "unknown");
        if (db.Database.IsNpgsql() && string.IsNullOrEmpty(configuration["DataProtection:KeyRingKey"]))
        {
            // Each instance would otherwise create its own data/keyring.key and fail to read the others' keys.
            LogKeyRingPerInstance(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL without DataProtection:KeyRingKey: this instance encrypts the shared key ring with its own data/keyring.key. Running several instances? Give them all the same DataProtection:KeyRingKey.")]
    private static partial void LogKeyRingPerInstance(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);
}
