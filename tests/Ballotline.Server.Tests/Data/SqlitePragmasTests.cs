using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Data;

/// <summary>
/// Every SQLite connection the server hands out overwrites what it deletes and waits for a busy write lock inside
/// SQLite — the first open of a native handle and every later one from the driver's pool (the pragmas are set once
/// per handle). What deleted rows would otherwise leave in the file: <c>Security/BallotSecrecyTests</c>.
/// </summary>
public sealed class SqlitePragmasTests
{
    [Fact]
    public async Task Every_connection_from_the_pool_overwrites_what_it_deletes_and_waits_for_a_busy_lock_as_long_as_the_driver_would()
    {
        await using var app = new BallotlineApp();
        app.StartServer();

        var settings = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => app.WithDbAsync(async db =>
            (SecureDelete: await db.Database.SqlQueryRaw<long>("SELECT secure_delete AS \"Value\" FROM pragma_secure_delete").SingleAsync(),
                BusyTimeout: await db.Database.SqlQueryRaw<long>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").SingleAsync())))));

        Assert.All(settings, on => Assert.Equal(1, on.SecureDelete));
        Assert.All(settings, on => Assert.Equal(30_000, on.BusyTimeout));
    }
}
