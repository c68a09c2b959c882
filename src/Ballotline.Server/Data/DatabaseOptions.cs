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
            return ConnectionString;
        }

        if (IsPostgres)
        {
            throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");
        }

        Directory.CreateDirectory(DataDirectory);
        return $"Data Source={Path.Combine(DataDirectory, "ballotline.db")}";
    }
}
