using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Integrity;

/// <summary>
/// The roll entry and the ballot are written in one batch, and which unique index refuses the batch decides what the
/// voter is told. Sent at the same moment, both requests pass the checks made before the write, so the second one
/// reaches the database and is refused there: a voter's second ballot is "already voted", someone else's ballot sent
/// again is "replayed", and in neither case is anything stored or anyone's vote used up.
/// </summary>
public sealed class DoubleCastRaceTests
{
    private const int Voters = 8;

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Two_ballots_sent_at_once_by_one_voter_count_once_and_the_other_is_refused_as_already_voted(StorageProvider provider)
    {
        var (app, electionId, voters) = await StartAsync(provider, "double-cast");
        await using var _ = app;

        foreach (var voter in voters)
        {
            var ballots = await Task.WhenAll(PilotDriver.EncryptOnDeviceAsync(voter, electionId, "aurora"), PilotDriver.EncryptOnDeviceAsync(voter, electionId, "beacon"));
            var answers = await Task.WhenAll(ballots.Select(b => PostAsync(voter, electionId, b)));

            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("already-voted", (await PilotDriver.ProblemAsync(refused)).GetProperty("code").GetString());
        }

        Assert.Equal(Voters, await app.WithDbAsync(db => db.BallotBox.CountAsync()));
        Assert.Equal(Voters, await app.WithDbAsync(db => db.VoterRoll.CountAsync()));
        Assert.Equal(Voters, await app.WithDbAsync(db => db.Elections.Where(e => e.Id == electionId).Select(e => e.BallotCount).SingleAsync()));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task One_ballot_sent_at_once_by_two_voters_counts_once_and_the_refused_voter_can_still_vote(StorageProvider provider)
    {
        var (app, electionId, voters) = await StartAsync(provider, "replay-race");
        await using var _ = app;

        for (var pair = 0; pair < Voters; pair += 2)
        {
            var (first, second) = (voters[pair], voters[pair + 1]);
            var ballot = await PilotDriver.EncryptOnDeviceAsync(first, electionId, "aurora");
            var answers = await Task.WhenAll(PostAsync(first, electionId, ballot), PostAsync(second, electionId, ballot));

            var accepted = Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.True(accepted >= 0, "neither copy was accepted");
            var refused = answers[1 - accepted];
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("ballot-replayed", (await PilotDriver.ProblemAsync(refused)).GetProperty("code").GetString());

            // The refused voter is not on the roll: their own ballot is accepted.
            var refusedVoter = accepted == 0 ? second : first;
            await PilotDriver.EnsureAsync(await PostAsync(refusedVoter, electionId, await PilotDriver.EncryptOnDeviceAsync(refusedVoter, electionId, "beacon")));
        }

        Assert.Equal(Voters, await app.WithDbAsync(db => db.BallotBox.CountAsync()));
        Assert.Equal(Voters, await app.WithDbAsync(db => db.VoterRoll.CountAsync()));
        var positions = await app.WithDbAsync(db => db.BallotBox.OrderBy(b => b.LogIndex).Select(b => b.LogIndex).ToListAsync());
        Assert.Equal(Enumerable.Range(0, Voters).Select(i => (long)i), positions); // a refused batch leaves no gap in the log
    }

    private static async Task<(BallotlineApp App, Guid ElectionId, List<HttpClient> Voters)> StartAsync(StorageProvider provider, string slug)
    {
        var app = new BallotlineApp(provider);
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync(slug, Voters);
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        var voters = new List<HttpClient>();
        foreach (var invitation in invitations)
        {
            voters.Add(await pilot.RegisterAsync(invitation));
        }

        return (app, election.Id, voters);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient voter, Guid electionId, JsonElement ballot) =>
        voter.PostAsJsonAsync($"/api/elections/{electionId}/ballot/encrypted", new { ballot });
}
