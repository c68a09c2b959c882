using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ballotline.Server.Data;

/// <summary>
/// Turns on SQLite's <c>secure_delete</c> for every connection: a deleted row's bytes are overwritten with zeros
/// instead of being left in the page's free space. Deleted is what must not be read again — a receipt or a "your
/// ballot is final" message, which ties an address to a tracking code, is deleted once delivered (Mail/MailSender) —
/// and without this a copy of the data directory still holds it, whole, beside the key ring that decrypts it.
/// The setting lives as long as the connection; pooled connections keep it.
/// </summary>
public sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA secure_delete = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
