using Ballotline.Server.Anchoring;
using Ballotline.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ballotline.Server.Tests.Anchoring;

/// <summary>
/// The anchorer's lock on PostgreSQL: one holder at a time; letting go hands it over at once, and a holder whose
/// session dies loses it to the next. (The server's pooled connections are not reset when they go back to the pool —
/// see DatabaseOptions — so the lock lives on a connection of its own.)
/// </summary>
public sealed class LeaderLockTests
{
    [Fact]
    public async Task The_lock_has_one_holder_passes_at_once_when_let_go_and_is_freed_when_its_session_dies()
    {
        // A database of its own, reached the way the server reaches its own (DatabaseOptions' defaults), with no
        // server running: nothing else competes for the lock.
        var server = Environment.GetEnvironmentVariable("BALLOTLINE_TEST_POSTGRES")
            ?? throw new InvalidOperationException("BALLOTLINE_TEST_POSTGRES is not set: run the tests with ./test.sh.");
        var name = "ballotline_lock_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var services = new ServiceCollection()
            .AddDbContext<BallotlineDb, PostgresBallotlineDb>(o => o.UseNpgsql(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString }.ResolveConnectionString()))
            .BuildServiceProvider();
        try
        {
            for (var turn = 0; turn < 5; turn++)
            {
                await using var first = new LeaderLock(services);
                await using var second = new LeaderLock(services);
                Assert.True(await first.TryAcquireAsync(CancellationToken.None), $"turn {turn}: the lock was not free after its last holder let go");
                Assert.False(await second.TryAcquireAsync(CancellationToken.None));
                Assert.True(await first.TryAcquireAsync(CancellationToken.None)); // confirmed while held
                Assert.Equal(1, await AdvisoryLockHoldersAsync(connectionString));

                // Letting go (an instance stopping) hands over at once.
                await first.DisposeAsync();
                Assert.True(await second.TryAcquireAsync(CancellationToken.None), $"turn {turn}: the lock outlived its holder");
                Assert.Equal(1, await AdvisoryLockHoldersAsync(connectionString));

                // The holder's session ending without a word (its machine lost, its backend killed) frees the lock too, and
                // the one who held it learns that it no longer does.
                await using var third = new LeaderLock(services);
                Assert.False(await third.TryAcquireAsync(CancellationToken.None));
                await ExecuteAsync(connectionString, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (!await third.TryAcquireAsync(CancellationToken.None))
                {
                    Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"turn {turn}: the lock of a killed session was never freed");
                    await Task.Delay(50);
                }

                Assert.False(await second.TryAcquireAsync(CancellationToken.None));
                Assert.False(second.IsLeader);
                Assert.Equal(1, await AdvisoryLockHoldersAsync(connectionString));
                await third.DisposeAsync();
                await second.DisposeAsync();
                Assert.Equal(0, await AdvisoryLockHoldersAsync(connectionString));
            }
        }
        finally
        {
            await services.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task The_server_prepares_a_statement_it_runs_again_instead_of_parsing_it_each_time()
    {
        await using var app = new BallotlineApp(StorageProvider.Postgres);
        var used = new NpgsqlConnectionStringBuilder(await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!)));
        Assert.Equal(64, used.MaxAutoPrepare);
        Assert.Equal(2, used.AutoPrepareMinUsages);
        Assert.True(used.NoResetOnClose); // DISCARD ALL would also drop the prepared statements

        // The same query three times through the server's DbContext on one session: from its second use it is one of
        // that session's prepared statements.
        var prepared = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    await db.Elections.AsNoTracking().Where(e => e.Description == "no such election").CountAsync();
                }

                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%no such election%'";
                return (long)(await command.ExecuteScalarAsync())!;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        Assert.Equal(1, prepared);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> AdvisoryLockHoldersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
