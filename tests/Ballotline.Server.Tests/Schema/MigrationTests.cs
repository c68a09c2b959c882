using Ballotline.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ballotline.Server.Tests.Schema;

/// <summary>
/// The model and the migrations agree for both providers: an entity or an <c>IEntityTypeConfiguration</c> changed
/// without <c>scripts/add-migration.sh NAME</c> fails here (the server would otherwise refuse to migrate at start).
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_SQLite_model_has_no_change_that_a_migration_does_not_carry()
    {
        using var db = new SqliteBallotlineDb(new DbContextOptionsBuilder<SqliteBallotlineDb>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "the SQLite model differs from its migrations: run scripts/add-migration.sh NAME");
        Assert.EndsWith("_Initial", db.Database.GetMigrations().First(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_PostgreSQL_model_has_no_change_that_a_migration_does_not_carry()
    {
        // No connection is opened: the comparison is between the model and the migrations' snapshot.
        using var db = new PostgresBallotlineDb(new DbContextOptionsBuilder<PostgresBallotlineDb>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "the PostgreSQL model differs from its migrations: run scripts/add-migration.sh NAME");
        Assert.EndsWith("_Initial", db.Database.GetMigrations().First(), StringComparison.Ordinal);
    }

    [Fact]
    public void Both_providers_have_the_same_migrations_by_name()
    {
        using var sqlite = new SqliteBallotlineDb(new DbContextOptionsBuilder<SqliteBallotlineDb>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresBallotlineDb(new DbContextOptionsBuilder<PostgresBallotlineDb>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.Equal(Names(sqlite), Names(postgres));
    }

    [Fact]
    public async Task A_database_upgraded_past_RegistrationSeconds_keeps_only_the_day_of_each_voters_times()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var db = new SqliteBallotlineDb(new DbContextOptionsBuilder<SqliteBallotlineDb>().UseSqlite(connection).Options);
        var migrator = db.GetService<IMigrator>();
        var initial = db.Database.GetMigrations().First();
        await migrator.MigrateAsync(initial, TestContext.Current.CancellationToken);

        // A voter registered before the change, with exact times as the code of then stored them (UTC, through the
        // same converter), and one only invited.
        var converter = new DateTimeOffsetToBinaryConverter();
        long Stored(DateTimeOffset t) => (long)converter.ConvertToProvider(t)!;
        var invited = new DateTimeOffset(2026, 3, 1, 17, 42, 9, 123, TimeSpan.Zero);
        var started = new DateTimeOffset(2026, 3, 2, 9, 14, 55, 871, TimeSpan.Zero);
        var registered = started.AddSeconds(97.25);
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;", TestContext.Current.CancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"PilotVoters\" (\"Id\", \"ElectionId\", \"Name\", \"Email\", \"Group\", \"AgeBand\", \"Location\", \"InvitedAt\", \"InvitationUsedAt\", \"RegistrationStartedAt\", \"RegisteredAt\", \"BallotShown\") "
            + "VALUES ('0b0e6a2e-0000-4000-8000-00000000000a', '0b0e6a2e-0000-4000-8000-00000000000e', 'Ada', 'ada@example.org', 'Technical', 'From18To29', '', {0}, {1}, {2}, {1}, 1), ('0b0e6a2e-0000-4000-8000-00000000000b', '0b0e6a2e-0000-4000-8000-00000000000e', 'Bo', 'bo@example.org', 'Average', 'From60', '', {0}, NULL, NULL, NULL, 0)",
            [Stored(invited), Stored(registered), Stored(started)], TestContext.Current.CancellationToken);

        await migrator.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);

        var voters = await db.PilotVoters.AsNoTracking().OrderBy(v => v.Email).ToListAsync(TestContext.Current.CancellationToken);
        var march1 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var march2 = march1.AddDays(1);
        Assert.Equal((march1, march2, march2, march2), (voters[0].InvitedAt, voters[0].RegistrationStartedAt, voters[0].InvitationUsedAt, voters[0].RegisteredAt));
        Assert.Equal((march1, (DateTimeOffset?)null), (voters[1].InvitedAt, voters[1].RegisteredAt));
    }
}
