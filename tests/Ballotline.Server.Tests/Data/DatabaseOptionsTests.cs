using Ballotline.Server.Data;
using Npgsql;

namespace Ballotline.Server.Tests.Data;

/// <summary>PostgreSQL connection strings get Ballotline's defaults only where the operator said nothing.</summary>
public sealed class DatabaseOptionsTests
{
    [Fact]
    public void A_postgres_connection_string_gets_prepared_statements_and_no_reset_on_close_by_default()
    {
        var resolved = new NpgsqlConnectionStringBuilder(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=db;Database=ballotline;Username=ballotline" }.ResolveConnectionString());

        Assert.Equal(("db", "ballotline", "ballotline"), (resolved.Host, resolved.Database, resolved.Username));
        Assert.Equal(64, resolved.MaxAutoPrepare);
        Assert.Equal(2, resolved.AutoPrepareMinUsages);
        Assert.True(resolved.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false;Auto Prepare Min Usages=5")]
    [InlineData("Host=db;maxautoprepare=0;NoResetOnClose=false;AUTO PREPARE MIN USAGES=5")]
    public void What_the_operator_sets_is_kept_however_it_is_spelt(string connectionString)
    {
        var resolved = new NpgsqlConnectionStringBuilder(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString }.ResolveConnectionString());

        Assert.Equal(0, resolved.MaxAutoPrepare);
        Assert.Equal(5, resolved.AutoPrepareMinUsages);
        Assert.False(resolved.NoResetOnClose);
    }

    [Fact]
    public void A_sqlite_connection_string_is_used_as_given()
    {
        Assert.Equal("Data Source=/tmp/x.db", new DatabaseOptions { ConnectionString = "Data Source=/tmp/x.db" }.ResolveConnectionString());
    }
}
