using Ballotline.Server.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Observability;

/// <summary>Uptime from heartbeats: a slot written while the server runs, gaps are downtime.</summary>
public sealed class HeartbeatTests
{
    [Fact]
    public async Task A_running_server_writes_one_heartbeat_per_slot_and_gaps_count_as_downtime()
    {
        await using var app = new BallotlineApp().With("Heartbeat:Seconds", "1");
        await PilotDriver.StartAsync(app);
        await Eventually.HoldsAsync(async () => await app.WithDbAsync(db => db.Heartbeats.CountAsync(h => h.PeriodSeconds == 1)) >= 3, "heartbeats are written every second");

        // A second write in the same slot (another instance) is absorbed.
        for (var i = 0; i < 2; i++)
        {
            await app.WithServiceAsync(s => s.GetRequiredService<HeartbeatWriter>().RunOnceAsync(CancellationToken.None));
        }

        var slots = await app.WithDbAsync(db => db.Heartbeats.OrderBy(h => h.Slot).Select(h => h.Slot).ToListAsync());
        Assert.Equal(slots.Distinct().Count(), slots.Count);
        var first = DateTimeOffset.FromUnixTimeSeconds(slots[0]);
        var last = DateTimeOffset.FromUnixTimeSeconds(slots[^1] + 1);

        var (whileUp, _) = await app.WithDbAsync(db => HeartbeatWriter.UptimeAsync(db, first, last, CancellationToken.None));
        Assert.InRange(whileUp!.Value, 0.5, 1.0);

        // The same heartbeats over a window ten times longer: the server was down for the rest.
        var (withDowntime, _) = await app.WithDbAsync(db => HeartbeatWriter.UptimeAsync(db, first, first + ((last - first) * 10), CancellationToken.None));
        Assert.InRange(withDowntime!.Value, whileUp.Value / 10 * 0.99, whileUp.Value / 10 * 1.01);

        var (none, reason) = await app.WithDbAsync(db => HeartbeatWriter.UptimeAsync(db, last, first, CancellationToken.None));
        Assert.Null(none);
        Assert.Equal("the voting window has not started", reason);
    }

    [Fact]
    public async Task A_server_that_never_stopped_reads_full_uptime_over_the_time_voting_was_open_though_the_schedule_began_earlier()
    {
        await using var app = new BallotlineApp().With("Heartbeat:Seconds", "1");
        var pilot = await PilotDriver.StartAsync(app);
        // Scheduled to open five minutes ago, before this server ran: opened by hand now.
        var (election, _) = await pilot.OpenRegistrationAsync("uptime", 2);
        await pilot.OpenVotingAsync(election.Id);
        await Task.Delay(TimeSpan.FromSeconds(4));

        var report = await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/report/metrics");
        Assert.Contains("- System uptime: 100.0% of the voting window", report, StringComparison.Ordinal);
    }
}
