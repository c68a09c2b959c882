using System.Net;
using System.Net.Http.Json;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Elections;

public sealed class StateTransitionTests
{
    // The shortest path from Draft to each state.
    private static readonly Dictionary<ElectionState, ElectionState[]> PathTo = new()
    {
        [ElectionState.Draft] = [],
        [ElectionState.RegistrationOpen] = [ElectionState.RegistrationOpen],
        [ElectionState.VotingOpen] = [ElectionState.RegistrationOpen, ElectionState.VotingOpen],
        [ElectionState.Paused] = [ElectionState.RegistrationOpen, ElectionState.VotingOpen, ElectionState.Paused],
        [ElectionState.Closed] = [ElectionState.RegistrationOpen, ElectionState.VotingOpen, ElectionState.Closed],
        [ElectionState.Tallied] = [ElectionState.RegistrationOpen, ElectionState.VotingOpen, ElectionState.Closed],
    };

    public static TheoryData<ElectionState, ElectionState> AllPairs()
    {
        var data = new TheoryData<ElectionState, ElectionState>();
        foreach (var from in Enum.GetValues<ElectionState>())
        {
            foreach (var to in Enum.GetValues<ElectionState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public async Task Every_transition_is_allowed_or_refused_as_the_state_machine_says(ElectionState from, ElectionState to)
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("states"));
        await pilot.MoveAsync(election.Id, PathTo[from]);
        if (from == ElectionState.Closed)
        {
            // Closing tallies at once; Closed lasts only if the tally cannot complete. Put it there directly.
            await app.WithDbAsync(db => db.Elections.Where(e => e.Id == election.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.State, ElectionState.Closed)));
        }

        var before = await pilot.Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{election.Id}");
        Assert.Equal(from.ToString(), before!.State);

        var response = await pilot.TransitionAsync(election.Id, to, "a reason");
        var after = await pilot.Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{election.Id}");
        if (ElectionStateMachine.CanMove(from, to))
        {
            await PilotDriver.EnsureAsync(response);
            // Closing tallies straight away.
            Assert.Equal((to == ElectionState.Closed ? ElectionState.Tallied : to).ToString(), after!.State);
            var audit = await pilot.Admin.GetFromJsonAsync<List<AuditEntry>>($"/api/elections/{election.Id}/audit");
            Assert.Contains(audit!, a => a.FromState == from.ToString() && a.ToState == to.ToString() && a.Actor == "admin@example.org" && a.Reason == "a reason");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("invalid-transition", (await PilotDriver.ProblemAsync(response)).GetProperty("code").GetString());
            Assert.Equal(from.ToString(), after!.State);
        }
    }

    [Fact]
    public async Task Opening_voting_by_hand_before_its_schedule_opens_it_now_moves_the_schedule_and_audits_the_move()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("open-now", votingOpenNow: false)); // voting scheduled tomorrow
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(1)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var voter = await pilot.RegisterAsync((await pilot.InviteAsync(election.Id)).Single());
        Assert.Equal(HttpStatusCode.Conflict, (await voter.GetAsync($"/api/elections/{election.Id}/ballot")).StatusCode);

        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);

        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(voter, election.Id, "aurora"));
        var summary = (await pilot.Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{election.Id}"))!;
        Assert.InRange(summary.VotingOpensAt, app.Clock.GetUtcNow().AddMinutes(-1), app.Clock.GetUtcNow());
        var moved = await app.WithDbAsync(db => db.AuditLog.Where(a => a.ElectionId == election.Id && a.Action == "schedule-moved").Select(a => a.Reason).ToListAsync());
        Assert.Contains(moved, r => r.StartsWith("voting opened by hand at ", StringComparison.Ordinal) && r.Contains(election.VotingOpensAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pausing_needs_a_reason()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("pause"));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen, ElectionState.VotingOpen);
        var response = await pilot.TransitionAsync(election.Id, ElectionState.Paused, " ");
        Assert.Equal("reason-required", (await PilotDriver.ProblemAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_state_name_is_refused_with_the_valid_names()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("names"));
        var response = await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/transitions", new { to = "Finished" });
        var title = (await PilotDriver.ProblemAsync(response)).GetProperty("title").GetString();
        Assert.Contains("RegistrationOpen", title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scheduler_opens_and_closes_voting_at_the_scheduled_times_and_the_organiser_counts_with_the_key_passphrase()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("scheduled", votingOpenNow: false));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var scheduler = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ElectionScheduler>().Single();

        Task<ElectionState> StateAsync() => app.WithDbAsync(db => db.Elections.Where(e => e.Id == election.Id).Select(e => e.State).SingleAsync());

        await scheduler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(ElectionState.RegistrationOpen, await StateAsync());
        app.Clock.Advance(TimeSpan.FromDays(1.5));
        await scheduler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(ElectionState.VotingOpen, await StateAsync());
        app.Clock.Advance(TimeSpan.FromDays(2));
        await scheduler.RunOnceAsync(CancellationToken.None);

        // The scheduler closes, but cannot count: the key opens only with the organiser's passphrase.
        Assert.Equal(ElectionState.Closed, await StateAsync());
        await scheduler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(ElectionState.Closed, await StateAsync());
        // Days later the administrator's API token has expired: the organiser counts through the service itself.
        await app.WithServiceAsync(s => s.GetRequiredService<ElectionService>().TransitionAsync(election.Id, ElectionState.Tallied, "organiser", "counting", PilotDriver.KeyPassphrase));
        Assert.Equal(ElectionState.Tallied, await StateAsync());
        var audit = await app.WithDbAsync(db => db.AuditLog.Where(a => a.ElectionId == election.Id).ToListAsync());
        Assert.Contains(audit, a => a.Actor == "scheduler" && a.ToState == "VotingOpen");
        Assert.Contains(audit, a => a.Actor == "scheduler" && a.ToState == "Closed");
        Assert.Contains(audit, a => a.Actor == "organiser" && a.ToState == "Tallied");
    }

    [Fact]
    public async Task Editing_is_refused_once_registration_opens_and_bad_input_lists_every_problem()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var input = PilotDriver.Input("edit");
        var bad = await pilot.Admin.PostAsJsonAsync("/api/elections", input with { Slug = "Bad Slug", Title = "", SupportEmail = "nobody", Contests = [] });
        Assert.Equal(4, (await PilotDriver.ProblemAsync(bad)).GetProperty("errors").GetArrayLength());
        var election = await pilot.CreateElectionAsync(input);
        Assert.Equal(HttpStatusCode.Conflict, (await pilot.Admin.PostAsJsonAsync("/api/elections", input)).StatusCode);
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var edit = await pilot.Admin.PutAsJsonAsync($"/api/elections/{election.Id}", input with { Title = "Changed" });
        Assert.Equal("not-draft", (await PilotDriver.ProblemAsync(edit)).GetProperty("code").GetString());
    }
}
