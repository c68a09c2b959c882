using Ballotline.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ballotline.Server.Anchoring;

/// <summary>
/// Exactly one anchorer across server instances: on PostgreSQL a session advisory lock held on a dedicated
/// connection (released by the database if the holder dies); SQLite serves a single instance, which leads.
/// </summary>
public sealed class LeaderLock(IServiceProvider services) : IAsyncDisposable
{
    private const long LockKey = 0x42_61_6C_6C_6F_74; // "Ballot"
    private NpgsqlConnection? _connection;
    private bool? _sqlite;

    public bool IsLeader { get; private set; }

    /// <summary>Takes or confirms leadership; false while another instance leads.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken ct)
    {
        if (_sqlite is null)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BallotlineDb>();
            _sqlite = !db.Database.IsNpgsql();
            if (!_sqlite.Value)
            {
                // Unpooled: closing it must end the session, which is what releases the lock. A pooled connection would
                // go back to the pool still holding it (connections are not reset on close: see DatabaseOptions).
                _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
            }
        }

        if (_sqlite.Value)
        {
            return IsLeader = true;
        }

        try
        {
            if (_connection!.State != System.Data.ConnectionState.Open)
            {
                IsLeader = false;
                await _connection.CloseAsync();
                await _connection.OpenAsync(ct);
            }

            if (IsLeader)
            {
                await using var ping = new NpgsqlCommand("SELECT 1", _connection);
                await ping.ExecuteScalarAsync(ct);
                return true;
            }

            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", _connection);
            command.Parameters.AddWithValue("key", LockKey);
            IsLeader = (bool)(await command.ExecuteScalarAsync(ct))!;
            return IsLeader;
        }
        catch (NpgsqlException)
        {
            IsLeader = false;
            return false;
        }
    }

    /// <summary>Lets go: unlocks first, so that another instance can lead at once (closing alone frees the lock only when the server notices the session ended).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        if (IsLeader && _connection.State == System.Data.ConnectionState.Open)
        {
            try
            {
                // Bounded: a stopping instance does not wait long on a database that stopped answering (closing frees it anyway).
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection) { CommandTimeout = 5 };
                unlock.Parameters.AddWithValue("key", LockKey);
                await unlock.ExecuteScalarAsync();
            }
            catch (NpgsqlException)
            {
                // The session is gone or going: its end releases the lock.
            }
        }

        IsLeader = false;
        await _connection.DisposeAsync();
        _connection = null;
    }
}
