using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ballotline.Server.Infrastructure;

internal static class DbErrors
{
    /// <summary>True when the save failed on a unique index (SQLite 19/2067, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => IsUniqueViolation(e.InnerException);

    /// <summary>True when <paramref name="e"/> itself (a raw SQL statement's error) is a unique-index violation.</summary>
    public static bool IsUniqueViolation(Exception? e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>True when the save failed on a unique index of <paramref name="table"/> (several inserts in one batch).</summary>
    public static bool IsUniqueViolationOn(DbUpdateException e, string table) => IsUniqueViolationOn(e.InnerException, table);

    /// <summary>True when <paramref name="e"/> itself (a raw SQL statement's error) is a violation of a unique index of <paramref name="table"/>.</summary>
    public static bool IsUniqueViolationOn(Exception? e, string table) => IsUniqueViolation(e) && e switch
    {
        // SQLite names the index's columns: "UNIQUE constraint failed: VoterRoll.ElectionId, VoterRoll.PilotVoterId".
        SqliteException s => s.Message.Contains($" {table}.", StringComparison.Ordinal),
        PostgresException p => p.TableName == table,
        _ => false,
    };
}
