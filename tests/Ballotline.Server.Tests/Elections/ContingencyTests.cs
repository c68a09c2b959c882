using System.Net.Http.Json;
using Ballotline.Server.Elections;
using Ballotline.Server.Operations;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Elections;

/// <summary>Pause, rollback to the backup channel, backup votes and totals, resume, and scheduling a new pilot.</summary>
public sealed class ContingencyTests
{
    [Fact]
    public async Task A_rollback_stops_online_voting_tells_voters_logs_an_incident_and_keeps_one_vote_per_person()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("rollback"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(3)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen, ElectionState.VotingOpen);
        var invitations = await pilot.InviteAsync(election.Id);
        var online = await pilot.RegisterAsync(invitations[0]);
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(online, election.Id, "aurora"));
        var late = await pilot.RegisterAsync(invitations[1]);

        var missing = await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/rollback", new { instructions = " " });
        Assert.Equal("instructions-required", (await PilotDriver.ProblemAsync(missing)).GetProperty("code").GetString());
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/rollback", new { instructions = "Paper ballots at the front desk, 9–17." }));

        var refused = await PilotDriver.ProblemAsync(await PilotDriver.CastAsync(late, election.Id, "beacon"));
        Assert.Equal("voting-backup", refused.GetProperty("code").GetString());
        Assert.Contains("Paper ballots at the front desk", refused.GetProperty("title").GetString(), StringComparison.Ordinal);
        var rollbackMail = await app.WithDbAsync(db => db.OutgoingMail.Where(m => m.Kind == "rollback").ToListAsync());
        Assert.Equal(3, rollbackMail.Count);
        Assert.All(rollbackMail, m => Assert.Contains("Paper ballots at the front desk", m.Body, StringComparison.Ordinal));
        var issues = await pilot.Admin.GetFromJsonAsync<List<PilotIssue>>($"/api/issues?electionId={election.Id}");
        Assert.Contains(issues!, i => i.Source == "rollback" && i.Severity == Support.TicketSeverity.Critical);
        Assert.Contains(issues!, i => i.Source == "pause");

        // Backup votes: the voter who voted online cannot vote again by paper, nor anyone twice.
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/backup-votes", new { email = invitations[1].Email }));
        var twice = await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/backup-votes", new { email = invitations[1].Email });
        Assert.Equal("already-voted", (await PilotDriver.ProblemAsync(twice)).GetProperty("code").GetString());
        var alreadyOnline = await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/backup-votes", new { email = invitations[0].Email });
        Assert.Equal("already-voted", (await PilotDriver.ProblemAsync(alreadyOnline)).GetProperty("code").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.VoterRoll.CountAsync(r => r.Channel == Server.Voting.VotingChannel.Backup)));

        // Resume: online voting again; the backup voter still cannot vote online.
        await PilotDriver.EnsureAsync(await pilot.TransitionAsync(election.Id, ElectionState.VotingOpen));
        Assert.Equal("already-voted", (await PilotDriver.ProblemAsync(await PilotDriver.CastAsync(late, election.Id, "beacon"))).GetProperty("code").GetString());

        // Backup totals appear beside the online tally.
        var badTotals = await pilot.Admin.PutAsJsonAsync($"/api/elections/{election.Id}/backup-totals", new Dictionary<string, long> { ["project-name/zeppelin"] = 1 });
        Assert.Equal("invalid-totals", (await PilotDriver.ProblemAsync(badTotals)).GetProperty("code").GetString());
        await PilotDriver.EnsureAsync(await pilot.Admin.PutAsJsonAsync($"/api/elections/{election.Id}/backup-totals", new Dictionary<string, long> { ["project-name/beacon"] = 1 }));
        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        var results = await app.CreateClient().GetStringAsync("/elections/rollback/results");
        Assert.Contains("Backup channel", results, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduling_a_new_pilot_copies_the_setup_and_the_group_into_a_draft()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("original"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(5)));
        var copy = await (await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/copy", new { slug = "original-rerun" })).Content.ReadFromJsonAsync<ElectionSummary>();
        Assert.Equal("Draft", copy!.State);
        Assert.Equal("Pilot original (re-run)", copy.Title);
        Assert.Equal(election.Contests.Select(c => c.Id), copy.Contests.Select(c => c.Id));
        Assert.True(copy.VotingOpensAt > election.VotingOpensAt);
        var group = await pilot.Admin.GetFromJsonAsync<List<Server.PilotGroup.PilotGroupApi.VoterView>>($"/api/elections/{copy.Id}/voters");
        Assert.Equal(5, group!.Count);
        Assert.All(group, v => Assert.Null(v.InvitedAt));
    }
}
