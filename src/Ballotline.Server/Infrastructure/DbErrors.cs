using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ballotline.Server.Infrastructure;

internal static class DbErrors
{
    /// <summary>True when the save failed on a unique index (SQLite 19/2067, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>True when the save failed on a unique index of <paramref name="table"/> (several inserts in one batch).</summary>
    public static bool IsUniqueViolationOn(DbUpdateException e, string table) => IsUniqueViolation(e) && e.InnerException switch
    {
        // SQLite names the index's columns: "UNIQUE constraint failed: VoterRoll.ElectionId, VoterRoll.PilotVoterId".
        SqliteException s => s.Message.Contains($" {table}.", StringComparison.Ordinal),
        PostgresException p => p.TableName == table,
        _ => false,
    };
}
