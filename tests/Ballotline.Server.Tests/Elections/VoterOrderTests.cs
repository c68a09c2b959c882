using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ballotline.Server.Tests.Elections;

/// <summary>
/// The voters' order is erased once per closed election, even when the close did not get to it: a server killed
/// between committing the close and erasing leaves the roll stored in casting order, and the next scheduler pass
/// (at the next start, or ten seconds later) must erase it; two erasures at once must not erase twice.
/// </summary>
public sealed class VoterOrderTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_close_that_stopped_before_erasing_the_voters_order_is_erased_by_the_schedulers_next_pass(StorageProvider provider)
    {
        await using var app = new BallotlineApp(provider);
        var pilot = await PilotDriver.StartAsync(app);
        var (election, _) = await pilot.CastWithFinalityNoticesAsync($"unerased-{provider.ToString().ToLowerInvariant()}", 6, "unerased.example");
        var before = await app.WithDbAsync(db => db.VoterRoll.Where(r => r.ElectionId == election.Id).Select(r => new { r.Id, r.PilotVoterId }).ToListAsync());

        // One voter locked their account out with failed sign-ins minutes before voting; another is locked out now.
        var accounts = await app.WithDbAsync(db => db.PilotVoters.Where(v => v.ElectionId == election.Id).Select(v => v.UserId!).Take(2).ToListAsync());
        // And one of them is also on the support staff: two role rows for one account.
        await app.WithServiceAsync(async s =>
        {
            var users = s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Server.Accounts.BallotlineUser>>();
            return await users.AddToRoleAsync((await users.FindByIdAsync(accounts[0]))!, Server.Accounts.Roles.Support);
        });
        var now = DateTimeOffset.FromUnixTimeSeconds(app.Clock.GetUtcNow().ToUnixTimeSeconds()); // whole seconds: both databases keep them exactly
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == accounts[0]).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, now.AddMinutes(-3))));
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == accounts[1]).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, now.AddMinutes(10))));

        // What the close had committed when the process died: the state, and nothing after it.
        await app.WithDbAsync(db => db.Elections.Where(e => e.Id == election.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.State, ElectionState.Closed)));
        await app.WithServiceAsync(s => s.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ElectionScheduler>().Single().RunOnceAsync(CancellationToken.None));

        Assert.True(await app.WithDbAsync(db => db.Elections.Where(e => e.Id == election.Id).Select(e => e.VoterOrderErased).SingleAsync()));
        var after = await app.WithDbAsync(db => db.VoterRoll.Where(r => r.ElectionId == election.Id).Select(r => new { r.Id, r.PilotVoterId }).ToListAsync());
        Assert.Equal(before.Select(r => r.PilotVoterId).Order(), after.Select(r => r.PilotVoterId).Order());
        Assert.True(after.Min(r => r.Id) > before.Max(r => r.Id), "every roll entry is written anew, after the ones written while voting ran");
        var lockouts = await app.WithDbAsync(db => db.Users.Where(u => accounts.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.LockoutEnd));
        Assert.Null(lockouts[accounts[0]]); // past: it only said when the voter was signing in
        Assert.Equal(now.AddMinutes(10), lockouts[accounts[1]]); // still locking
        Assert.Equal(2, await app.WithDbAsync(db => db.UserRoles.CountAsync(r => r.UserId == accounts[0])));

    }

    [Fact]
    public async Task An_erasure_that_fails_at_the_close_leaves_the_close_and_the_count_standing_and_is_done_by_the_next_pass()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var (election, _) = await pilot.CastWithFinalityNoticesAsync("erase-fails", 4, "erase-fails.example");

        // A real fault in the database: moving an account's row is refused while the trigger exists.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_move BEFORE UPDATE ON \"AspNetUsers\" BEGIN SELECT RAISE(ABORT, 'injected fault'); END;"));
        await pilot.MoveAsync(election.Id, ElectionState.Closed);

        var closed = await app.WithDbAsync(db => db.Elections.Where(e => e.Id == election.Id).Select(e => new { e.State, e.VoterOrderErased }).SingleAsync());
        Assert.Equal((ElectionState.Tallied, false), (closed.State, closed.VoterOrderErased));
        Assert.Equal(4, await app.WithDbAsync(db => db.VoterRoll.CountAsync(r => r.ElectionId == election.Id)));

        // The scheduler retries and fails while the fault lasts: the gauge behind the alert BallotlineVoterOrderNotErased says so.
        var scheduler = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ElectionScheduler>().Single();
        var unerased = app.Services.GetRequiredService<Server.Observability.PilotMetrics>().VoterOrderUnerased;
        await scheduler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, unerased.Value);

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_move;"));
        await scheduler.RunOnceAsync(CancellationToken.None);
        Assert.True(await app.WithDbAsync(db => db.Elections.Where(e => e.Id == election.Id).Select(e => e.VoterOrderErased).SingleAsync()));
        Assert.Equal(0, unerased.Value);
        Assert.Equal(4, await app.WithDbAsync(db => db.VoterRoll.CountAsync(r => r.ElectionId == election.Id)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_erasures_at_once_erase_once_and_keep_every_roll_entry(StorageProvider provider)
    {
        await using var app = new BallotlineApp(provider);
        var pilot = await PilotDriver.StartAsync(app);
        var (election, _) = await pilot.CastWithFinalityNoticesAsync($"erase-twice-{provider.ToString().ToLowerInvariant()}", 6, "erase-twice.example");
        await app.WithDbAsync(db => db.Elections.Where(e => e.Id == election.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.State, ElectionState.Closed)));

        var erased = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await VoterOrder.EraseAsync(scope.ServiceProvider.GetRequiredService<Server.Data.BallotlineDb>(), election.Id, app.Clock, NullLogger.Instance, CancellationToken.None);
        })));

        Assert.Equal(1, erased.Count(e => e));
        Assert.Equal(6, await app.WithDbAsync(db => db.VoterRoll.CountAsync(r => r.ElectionId == election.Id)));
    }
}
