using System.Net;
using System.Net.Http.Json;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Registration;

public sealed class RegistrationTests
{
    private static async Task<(BallotlineApp App, PilotDriver Pilot, ElectionSummary Election, IReadOnlyList<Server.PilotGroup.PilotGroupApi.InvitationView> Invitations)> InvitedAsync(int voters = 3)
    {
        var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("reg"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(voters)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        return (app, pilot, election, await pilot.InviteAsync(election.Id));
    }

    [Fact]
    public async Task A_used_invitation_link_is_refused_with_a_clear_message()
    {
        var (app, pilot, _, invitations) = await InvitedAsync();
        await using var _ = app;
        await pilot.RegisterAsync(invitations[0]);
        var again = await app.CreateClient().GetAsync($"/api/registrations/{PilotDriver.TokenOf(invitations[0])}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var problem = await PilotDriver.ProblemAsync(again);
        Assert.Equal("invitation-invalid", problem.GetProperty("code").GetString());
        Assert.Contains("already been used", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_invitation_link_gets_a_page_not_an_error_trace()
    {
        var (app, _, _, _) = await InvitedAsync();
        await using var _ = app;
        var page = await app.CreateClient().GetAsync("/register/not-a-real-token");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("This invitation link is not valid", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_invitation_is_refused_with_the_date_and_the_support_address()
    {
        var (app, _, _, invitations) = await InvitedAsync();
        await using var _ = app;
        app.Clock.Advance(TimeSpan.FromDays(4));
        var response = await app.CreateClient().GetAsync($"/api/registrations/{PilotDriver.TokenOf(invitations[0])}");
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var title = (await PilotDriver.ProblemAsync(response)).GetProperty("title").GetString();
        Assert.Contains("expired", title, StringComparison.Ordinal);
        Assert.Contains("support@example.org", title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reissuing_invitations_makes_the_earlier_links_stop_working()
    {
        var (app, pilot, election, first) = await InvitedAsync();
        await using var _ = app;
        var second = await pilot.InviteAsync(election.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/registrations/{PilotDriver.TokenOf(first[0])}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/registrations/{PilotDriver.TokenOf(second[0])}")).StatusCode);
    }

    [Fact]
    public async Task Only_a_hash_of_each_invitation_token_is_stored()
    {
        var (app, _, _, invitations) = await InvitedAsync();
        await using var _ = app;
        var token = PilotDriver.TokenOf(invitations[0]);
        var stored = await app.WithDbAsync(db => db.PilotVoters.Select(v => v.InvitationTokenHash).ToListAsync());
        Assert.DoesNotContain(token, stored);
        Assert.Contains(Infrastructure.Tokens.Hash(token), stored);
    }

    [Fact]
    public async Task Registration_requires_acknowledging_the_test_notice_and_records_its_time_without_a_time_beside_the_voter()
    {
        var (app, _, election, invitations) = await InvitedAsync();
        await using var _ = app;
        var client = app.CreateClient();
        var token = PilotDriver.TokenOf(invitations[1]);
        var startedOn = Infrastructure.VoterTime.Day(app.Clock.GetUtcNow());
        await client.GetAsync($"/api/registrations/{token}");
        app.Clock.Advance(TimeSpan.FromSeconds(95));
        var refused = await client.PostAsJsonAsync($"/api/registrations/{token}", new { password = PilotDriver.Password, acknowledgedTestNotice = false });
        Assert.Equal("notice-not-acknowledged", (await PilotDriver.ProblemAsync(refused)).GetProperty("code").GetString());
        var weak = await client.PostAsJsonAsync($"/api/registrations/{token}", new { password = "short", acknowledgedTestNotice = true });
        Assert.Equal("weak-password", (await PilotDriver.ProblemAsync(weak)).GetProperty("code").GetString());
        await PilotDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/registrations/{token}", new { password = PilotDriver.Password, acknowledgedTestNotice = true }));

        // The voter's row keeps the days only (they vote minutes later, and cast times are public); the 95 seconds it
        // took join the election's sum, which the metrics report averages.
        var voter = await app.WithDbAsync(db => db.PilotVoters.SingleAsync(v => v.Email == invitations[1].Email));
        var registeredOn = Infrastructure.VoterTime.Day(app.Clock.GetUtcNow());
        Assert.Equal(startedOn, voter.RegistrationStartedAt);
        Assert.Equal(registeredOn, voter.RegisteredAt);
        Assert.Equal(registeredOn, voter.InvitationUsedAt);
        Assert.Equal(TimeSpan.Zero, voter.InvitedAt!.Value.TimeOfDay);
        var sums = await app.WithDbAsync(db => db.Elections.Where(e => e.Id == election.Id).Select(e => new { e.RegistrationSecondsTotal, e.RegistrationsTimed }).SingleAsync());
        Assert.InRange(sums.RegistrationSecondsTotal, 95, 110);
        Assert.Equal(1, sums.RegistrationsTimed);
        Assert.Null(voter.InvitationTokenHash);
        Assert.Equal(election.Id, voter.ElectionId);
    }

    [Fact]
    public async Task Registration_before_it_opens_is_refused()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("early"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(1)));
        var invitations = await pilot.InviteAsync(election.Id);
        var response = await app.CreateClient().GetAsync($"/api/registrations/{PilotDriver.TokenOf(invitations[0])}");
        Assert.Equal("registration-closed", (await PilotDriver.ProblemAsync(response)).GetProperty("code").GetString());
    }
}
