using System.Net.Http.Json;
using Ballotline.Server.Elections;
using Ballotline.Server.Operations;

namespace Ballotline.Server.Tests.Operations;

public sealed class ChecklistTests
{
    [Fact]
    public async Task The_system_ticks_what_it_can_check_with_evidence_and_staff_tick_the_rest()
    {
        await using var app = new BallotlineApp().With("Alerts:OnCall:0", "oncall@example.org").With("Mail:PollSeconds", "0.2");
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("checklist"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(2)));

        async Task<Dictionary<string, Checklists.ItemView>> ItemsAsync() =>
            (await pilot.Admin.GetFromJsonAsync<List<Checklists.ItemView>>($"/api/elections/{election.Id}/checklist"))!.ToDictionary(i => i.Key);

        var before = await ItemsAsync();
        Assert.Equal(13, before.Count);
        Assert.False(before["registration-enabled"].Done);
        Assert.True(before["monitoring-tested"].Done);
        Assert.Contains("1 on-call address", before["monitoring-tested"].Evidence, StringComparison.Ordinal);

        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsync($"/api/elections/{election.Id}/invitations?email=true", null));
        await Eventually.HoldsAsync(async () => (await ItemsAsync())["voters-notified"].Done && (await ItemsAsync())["launch-mail-sent"].Done, "the mail is delivered to the local mailbox");
        var after = await ItemsAsync();
        Assert.Equal("2 of 2 invitations delivered", after["voters-notified"].Evidence);
        Assert.True(after["chain-reachable"].Done);
        Assert.Equal("system", after["registration-enabled"].DoneBy);
        Assert.False(after["first-registrations"].Done);

        await PilotDriver.EnsureAsync(await pilot.Admin.PutAsJsonAsync($"/api/elections/{election.Id}/checklist/support-briefed", new { done = true, note = "2 h session on Monday" }));
        var briefed = (await ItemsAsync())["support-briefed"];
        Assert.True(briefed.Done);
        Assert.Equal("admin@example.org", briefed.DoneBy);
        Assert.Equal("2 h session on Monday", briefed.Evidence);
        Assert.Equal("not-found", (await PilotDriver.ProblemAsync(await pilot.Admin.PutAsJsonAsync($"/api/elections/{election.Id}/checklist/no-such-item", new { done = true }))).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_paused_or_rolled_back_election_is_announced_on_every_page()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("banner"));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen, ElectionState.VotingOpen);
        await PilotDriver.EnsureAsync(await pilot.TransitionAsync(election.Id, ElectionState.Paused, "Maintenance until noon."));
        foreach (var page in new[] { "/", "/verify", "/help/faq", "/account/sign-in" })
        {
            Assert.Contains("Voting in Pilot banner is paused.</strong> Maintenance until noon.", await app.CreateClient().GetStringAsync(page), StringComparison.Ordinal);
        }

        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/rollback", new { instructions = "Vote on paper at reception." }));
        Assert.Contains("Please vote by the backup channel: Vote on paper at reception.", await app.CreateClient().GetStringAsync("/"), StringComparison.Ordinal);
    }
}
