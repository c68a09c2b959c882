using Ballotline.Server.Anchoring;
using Ballotline.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Observability;

/// <summary>Writes one <see cref="Heartbeat"/> per slot while the server runs.</summary>
public sealed partial class HeartbeatWriter(IServiceProvider services, IOptions<HeartbeatOptions> options, ChainHealth chain, TimeProvider clock, ILogger<HeartbeatWriter> logger) : Infrastructure.PeriodicWork(clock)
{
    // Twice per slot: a timer that drifts past a slot boundary must not skip a slot (a running server read as down).
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.Seconds / 2.0);

    protected override void OnPassFailed(Exception exception) => LogFailed(logger, exception.Message);

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var seconds = options.Value.Seconds;
        var slot = Clock.GetUtcNow().ToUnixTimeSeconds() / seconds * seconds;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BallotlineDb>();
        if (await db.Heartbeats.AnyAsync(h => h.Slot == slot, ct))
        {
            return;
        }

        db.Heartbeats.Add(new Heartbeat { Slot = slot, PeriodSeconds = seconds, ChainConnected = chain.Connected });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance wrote this slot between the check and the insert: the slot is covered either way.
        }
    }

    /// <summary>Share of <paramref name="from"/>–<paramref name="to"/> covered by heartbeats, or why it cannot be said.</summary>
    public static async Task<(double? Uptime, string? Reason)> UptimeAsync(BallotlineDb db, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var window = (to - from).TotalSeconds;
        if (window <= 0)
        {
            return (null, "the voting window has not started");
        }

        // Milliseconds, not whole seconds: truncating both ends lost up to a second of a short window (98.6% for a
        // rehearsal whose server never stopped).
        var start = from.ToUnixTimeMilliseconds() / 1000.0;
        var end = to.ToUnixTimeMilliseconds() / 1000.0;
        var first = (long)Math.Floor(start);
        var last = (long)Math.Ceiling(end);
        var covered = await db.Heartbeats.Where(h => h.Slot + h.PeriodSeconds > first && h.Slot < last).Select(h => new { h.Slot, h.PeriodSeconds }).ToListAsync(ct);
        var seconds = covered.Sum(h => Math.Max(0, Math.Min(h.Slot + h.PeriodSeconds, end) - Math.Max(h.Slot, start)));
        return (Math.Min(1, seconds / window), null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat not recorded: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
