using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ballotline.Server.Infrastructure;

internal static class DbErrors
{
    /// <summary>
    /// True when <paramref name="e"/> is a unique-index violation (SQLite 19/2067, PostgreSQL 23505): a raw SQL
    /// statement's error as it is, or a failed save's, which EF Core wraps in a <see cref="DbUpdateException"/>.
    /// </summary>
    public static bool IsUniqueViolation(Exception? e) => e switch
    {
        DbUpdateException update => IsUniqueViolation(update.InnerException),
        SqliteException s => s.SqliteErrorCode == 19,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>True when <paramref name="e"/> (as above) is a violation of a unique index of <paramref name="table"/> (several inserts in one batch).</summary>
    public static bool IsUniqueViolationOn(Exception? e, string table) => e switch
    {
        DbUpdateException update => IsUniqueViolationOn(update.InnerException, table),

        // SQLite names the index's columns: "UNIQUE constraint failed: VoterRoll.ElectionId, VoterRoll.PilotVoterId".
        SqliteException s => IsUniqueViolation(s) && s.Message.Contains($" {table}.", StringComparison.Ordinal),
        PostgresException p => IsUniqueViolation(p) && p.TableName == table,
        _ => false,
    };
}
