using Ballotline.Server.Data;
using Microsoft.EntityFrameworkCore;

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
}
