using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ballotline.Server.Data;

/// <summary>
/// Turns on SQLite's <c>secure_delete</c> for every connection: a deleted row's bytes are overwritten with zeros
/// instead of being left in the page's free space. Deleted is what must not be read again — a receipt or a "your
/// ballot is final" message, which ties an address to a tracking code, is deleted once delivered (Mail/MailSender) —
/// and without this a copy of the data directory still holds it, whole, beside the key ring that decrypts it.
/// The setting lives as long as the native connection, which the driver pools: it is set once per native handle,
/// not on every open (a cast opens its connection several times).
/// </summary>
public sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA secure_delete = ON;";

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _set = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
            MarkSet(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkSet(connection);
        }
    }

    // A native handle serves one open connection at a time, so checking, then marking once the pragma ran, cannot race.
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
