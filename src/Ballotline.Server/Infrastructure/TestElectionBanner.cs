using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Infrastructure;

/// <summary>Whether any running election is a test; the layout then says so on every page.</summary>
public sealed class TestElectionBanner(BallotlineDb db)
{
    public async Task<bool> AnyRunningTestAsync() =>
        await db.Elections.AnyAsync(e => e.IsTest && e.State != ElectionState.Draft && e.State != ElectionState.Tallied);

    /// <summary>Paused elections and, after a rollback, how to vote instead — shown on every page.</summary>
    public async Task<IReadOnlyList<(string Title, string? Reason, bool Backup, string Instructions)>> PausedAsync() =>
        [.. (await db.Elections.AsNoTracking().Where(e => e.State == ElectionState.Paused)
            .Select(e => new { e.Title, e.PauseReason, e.BackupActive, e.BackupInstructions }).ToListAsync())
            .Select(e => (e.Title, e.PauseReason, e.BackupActive, e.BackupInstructions))];
}
