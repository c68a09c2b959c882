namespace Ballotline.Server.Data;

/// <summary><c>Database:Provider</c>: where the server keeps its data.</summary>
public enum DatabaseProvider
{
    /// <summary>A file in the data directory (the default; one instance).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (several instances can share it).</summary>
    Postgres,
}
