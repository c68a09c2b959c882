using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ballotline.Server.Data;

/// <summary>
/// The settings every SQLite connection the server opens runs with. They live as long as the native connection,
/// which the driver pools, so they are set once per native handle, not on every open (a cast opens its connection
/// several times).
/// <list type="bullet">
/// <item><c>secure_delete</c>: a deleted row's bytes are overwritten with zeros instead of being left in the page's
/// free space. Deleted is what must not be read again — a receipt or a "your ballot is final" message, which ties an
/// address to a tracking code, is deleted once delivered (Mail/MailSender) — and without this a copy of the data
/// directory still holds it, whole, beside the key ring that decrypts it.</item>
/// <item><c>busy_timeout</c>: a write that meets another connection's write lock waits inside SQLite, which retries
/// within a millisecond or two of the lock's release. Without it the driver (Microsoft.Data.Sqlite) sleeps 150 ms
/// between attempts: the mail sender's two-second claim of stale messages, a write held for a millisecond, cost the
/// ballot box's writer 150–450 ms whenever they met, and every cast queued behind it (docs/performance.md).</item>
/// </list>
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _set = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas(connection);
            command.ExecuteNonQuery();
            MarkSet(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas(connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkSet(connection);
        }
    }

    // As long as the driver itself would go on retrying (its default command timeout, 30 s unless the connection
    // string says otherwise; 0 is no limit), so that a lock held longer still ends in the driver's own timeout error.
    private static string Pragmas(DbConnection connection)
    {
        var seconds = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite ? sqlite.DefaultTimeout : 30;
        var milliseconds = seconds <= 0 ? int.MaxValue : (int)Math.Min(int.MaxValue, seconds * 1000L);
        return string.Create(CultureInfo.InvariantCulture, $"PRAGMA secure_delete = ON; PRAGMA busy_timeout = {milliseconds};");
    }

    // A native handle serves one open connection at a time, so checking, then marking once the pragmas ran, cannot race.
    private bool IsNew(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || !_set.TryGetValue(handle, out _);
    }

    private void MarkSet(DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle })
        {
            _set.AddOrUpdate(handle, this);
        }
    }
}
