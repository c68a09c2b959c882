using System.Net;
using System.Net.Http.Json;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Voting;

public sealed class CastingTests
{
    private static async Task<(BallotlineApp App, PilotDriver Pilot, ElectionSummary Election, HttpClient Voter)> RegisteredVoterAsync(bool votingOpenNow = true, bool serverSideEncryption = false)
    {
        var app = new BallotlineApp().With("Voting:ServerSideEncryption", serverSideEncryption ? "true" : "false");
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("cast", votingOpenNow));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(2)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var invitations = await pilot.InviteAsync(election.Id);
        return (app, pilot, election, await pilot.RegisterAsync(invitations[0]));
    }

    private static string HexFree(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"[0-9a-f]{64,66}\"", "\"hex\"");

    private static async Task<string?> CodeAsync(HttpResponseMessage response) => (await PilotDriver.ProblemAsync(response)).GetProperty("code").GetString();

    [Fact]
    public async Task Casting_before_voting_opens_is_refused()
    {
        var (app, _, election, voter) = await RegisteredVoterAsync();
        await using var _ = app;
        var response = await PilotDriver.CastAsync(voter, election.Id, "aurora");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("voting-not-open", await CodeAsync(response));
    }

    [Fact]
    public async Task Casting_in_an_election_opened_by_hand_before_its_scheduled_window_is_accepted()
    {
        // "Open voting now" opens it now: the schedule moves (StateTransitionTests checks the audit); voters are not
        // refused until the old time.
        var (app, pilot, election, voter) = await RegisteredVoterAsync(votingOpenNow: false);
        await using var _ = app;
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(voter, election.Id, "aurora"));
    }

    [Fact]
    public async Task Casting_while_paused_is_refused_with_the_reason()
    {
        var (app, pilot, election, voter) = await RegisteredVoterAsync();
        await using var _ = app;
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        await PilotDriver.EnsureAsync(await pilot.TransitionAsync(election.Id, ElectionState.Paused, "Chain maintenance until 14:00."));
        var problem = await PilotDriver.ProblemAsync(await PilotDriver.CastAsync(voter, election.Id, "aurora"));
        Assert.Equal("voting-paused", problem.GetProperty("code").GetString());
        Assert.Contains("Chain maintenance", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await PilotDriver.EnsureAsync(await pilot.TransitionAsync(election.Id, ElectionState.VotingOpen));
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(voter, election.Id, "aurora"));
    }

    [Fact]
    public async Task Casting_after_the_scheduled_close_is_refused()
    {
        var (app, pilot, election, voter) = await RegisteredVoterAsync();
        await using var _ = app;
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        app.Clock.Advance(TimeSpan.FromDays(4));
        voter = await PilotDriver.SignInAsync(app, "voter0@example.org", PilotDriver.Password); // tokens expire with the clock too
        Assert.Equal("voting-closed", await CodeAsync(await PilotDriver.CastAsync(voter, election.Id, "aurora")));
    }

    [Fact]
    public async Task Casting_in_an_election_the_voter_is_not_part_of_is_refused()
    {
        var (app, pilot, _, voter) = await RegisteredVoterAsync();
        await using var _ = app;
        var other = await pilot.CreateElectionAsync(PilotDriver.Input("other"));
        await pilot.MoveAsync(other.Id, ElectionState.RegistrationOpen, ElectionState.VotingOpen);
        var response = await PilotDriver.CastAsync(voter, other.Id, "aurora");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("not-a-voter", await CodeAsync(response));
    }

    [Theory]
    [InlineData(new string[0], "exactly 1")]
    [InlineData(new[] { "aurora", "beacon" }, "exactly 1")]
    [InlineData(new[] { "zeppelin" }, "zeppelin")]
    public async Task With_server_side_encryption_on_an_invalid_choice_is_refused_with_what_was_wrong_and_nothing_stored(string[] chosen, string message)
    {
        // The path programs can be given (Voting:ServerSideEncryption): the server checks the choices before encrypting.
        var (app, pilot, election, voter) = await RegisteredVoterAsync(serverSideEncryption: true);
        await using var _ = app;
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        var response = await PilotDriver.CastInTheClearAsync(voter, election.Id, chosen);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await PilotDriver.ProblemAsync(response)).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.BallotBox.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.VoterRoll.CountAsync()));

        // The server's encryption is CPU-bound work like a device ballot's check: it took its turn in the same slots.
        Assert.Equal(1, app.Services.GetRequiredService<Server.Observability.PilotMetrics>().BallotCheckWaitSeconds.Count);
    }

    [Fact]
    public async Task The_ballot_box_and_the_roll_hold_no_choice_in_the_clear_and_no_link_between_them()
    {
        var (app, pilot, election, voter) = await RegisteredVoterAsync();
        await using var _ = app;
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        await voter.GetAsync($"/api/elections/{election.Id}/ballot");
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(voter, election.Id, "compass"));
        var second = await pilot.RegisterAsync((await pilot.InviteAsync(election.Id))[0]);
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(second, election.Id, "aurora"));

        // Two different choices give ballots of exactly the same shape: only the random hex values differ.
        var stored = await app.WithDbAsync(db => db.BallotBox.OrderBy(b => b.LogIndex).Select(b => b.BallotJson).ToListAsync());
        Assert.Equal(HexFree(stored[0]), HexFree(stored[1]));
        Assert.NotEqual(stored[0], stored[1]);
        Assert.DoesNotContain(typeof(Server.Voting.BallotBoxEntry).GetProperties(), p => p.Name.Contains("Voter", StringComparison.Ordinal));
        Assert.DoesNotContain(typeof(Server.Voting.VoterRollEntry).GetProperties(), p => p.Name.Contains("Ballot", StringComparison.Ordinal) || p.Name.Contains("Tracking", StringComparison.Ordinal)
            || p.PropertyType == typeof(DateTimeOffset) || p.PropertyType == typeof(DateTimeOffset?));
    }

    [Fact]
    public async Task The_voting_api_requires_a_signed_in_voter()
    {
        var (app, pilot, election, _) = await RegisteredVoterAsync();
        await using var _ = app;
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/elections/{election.Id}/ballot", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PilotDriver.CastAsync(pilot.Admin, election.Id, "aurora")).StatusCode);
    }
}
