using System.ComponentModel.DataAnnotations;

namespace Ballotline.Server.Data;

/// <summary>Section <c>Database</c>. SQLite in the data directory by default; PostgreSQL by configuration alone.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [EnumDataType(typeof(DatabaseProvider), ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for Postgres; for Sqlite defaults to <c>Data Source={DataDirectory}/ballotline.db</c>.</summary>
    public string? ConnectionString { get; set; }

    [Required]
    public string DataDirectory { get; set; } = "data";

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public string ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return IsPostgres ? WithPostgresDefaults(ConnectionString) : ConnectionString;
        }

        if (IsPostgres)
        {
            throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");
        }

        Directory.CreateDirectory(DataDirectory);
        return $"Data Source={Path.Combine(DataDirectory, "ballotline.db")}";
    }

    /// <summary>
    /// The operator's PostgreSQL connection string with Ballotline's defaults for what it leaves unsaid: the few
    /// statements every cast runs are prepared once per connection (<c>Max Auto Prepare</c>, after
    /// <c>Auto Prepare Min Usages</c> uses) instead of parsed and planned each time, and a connection going back to the
    /// pool is not reset with <c>DISCARD ALL</c> (which would also drop those prepared statements). Measured on one
    /// cast: PostgreSQL's own time 3.4 ms → 1.35 ms (docs/performance.md). Nothing in Ballotline keeps session state
    /// on a pooled connection (the anchorer's advisory lock has its own, unpooled one: see LeaderLock). Behind a
    /// pooler in transaction mode (PgBouncer), set <c>Max Auto Prepare=0;No Reset On Close=false</c>.
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.Contains("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
