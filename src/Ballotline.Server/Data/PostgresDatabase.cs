using Npgsql;

namespace Ballotline.Server.Data;

/// <summary>
/// Creates the configured PostgreSQL database on a first start. EF Core's migrator would create it too, but it
/// finds it missing by failing to open it, and logs that failure as an error — the first line an operator reads on
/// a fresh installation, and an error the system-error alert counts.
/// </summary>
internal static class PostgresDatabase
{
    public static async Task EnsureExistsAsync(string connectionString, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        try
        {
            // Most starts: the database is there, and a role that may only reach its own database never needs more.
            await using var existing = new NpgsqlConnection(target.ConnectionString);
            await existing.OpenAsync(ct);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName && !string.IsNullOrEmpty(target.Database))
        {
            // Missing: created below, from the server's maintenance database (as EF Core would).
        }

        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        await using var create = connection.CreateCommand();
        create.CommandText = $"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance starting at the same time created it (PostgreSQL says so by either code, depending on
            // how far the other's creation had gone).
        }
    }
}
