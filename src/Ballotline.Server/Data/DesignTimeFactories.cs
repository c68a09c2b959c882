using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ballotline.Server.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without starting the server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBallotlineDb>
{
    public SqliteBallotlineDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBallotlineDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBallotlineDb>
{
    public PostgresBallotlineDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBallotlineDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
