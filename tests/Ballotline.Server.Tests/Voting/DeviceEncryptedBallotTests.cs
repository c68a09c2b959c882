using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Serialization;
using Ballotline.Server.Elections;
using Ballotline.Server.Results;
using Ballotline.Server.Voting;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Voting;

/// <summary>
/// Ballots encrypted on the voter's device (here with the C# library, as the simulator does; the browser's
/// JavaScript passes the same vectors): cast, challenged, and every bad one refused with the check that failed.
/// The server runs with its default: it never encrypts choices sent in the clear.
/// </summary>
public sealed class DeviceEncryptedBallotTests
{
    private sealed record Voter(HttpClient Client, ElectionContext Context);

    private static async Task<(BallotlineApp App, PilotDriver Pilot, ElectionSummary Election, List<Voter> Voters)> StartAsync(string slug, int voters = 3)
    {
        var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync(slug, voters);
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        var list = new List<Voter>();
        foreach (var invitation in invitations)
        {
            var client = await pilot.RegisterAsync(invitation);
            var view = (await client.GetFromJsonAsync<VotingApi.BallotView>($"/api/elections/{election.Id}/ballot"))!;
            var context = view.Encryption.Rebuild();
            Assert.Equal(view.Encryption.ExtendedHash, context.ExtendedHashHex); // the device checks the server's context
            list.Add(new Voter(client, context));
        }

        return (app, pilot, election, list);
    }

    private static EncryptionResult Encrypt(Voter voter, string choice) => BallotEncryptor.Encrypt(voter.Context, PlaintextBallot.ForContest("project-name", choice));

    private static JsonNode Json<T>(T value) => JsonNode.Parse(CryptoJson.Serialize(value))!;

    private static Task<HttpResponseMessage> CastAsync(Voter voter, Guid electionId, JsonNode ballot) =>
        voter.Client.PostAsJsonAsync($"/api/elections/{electionId}/ballot/encrypted", new JsonObject { ["ballot"] = ballot.DeepClone() });

    private static Task<HttpResponseMessage> ChallengeAsync(Voter voter, Guid electionId, EncryptionResult result, JsonNode? nonces = null) =>
        voter.Client.PostAsJsonAsync($"/api/elections/{electionId}/ballot/challenge",
            new JsonObject { ["ballot"] = Json(result.Ballot), ["nonces"] = nonces ?? Json(result.Secrets.SelectionNonces) });

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await PilotDriver.ProblemAsync(response);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(detail, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_encrypted_ballots_are_cast_counted_and_published_and_a_challenged_one_never_counts()
    {
        var (app, pilot, election, voters) = await StartAsync("device-cast");
        await using var _ = app;

        // Voter 0 challenges a ballot for Compass first: the server opens it and shows what it contained.
        var audited = Encrypt(voters[0], "compass");
        var challenge = await ChallengeAsync(voters[0], election.Id, audited);
        await PilotDriver.EnsureAsync(challenge);
        var spoiled = (await challenge.Content.ReadFromJsonAsync<SpoiledBallotView>())!;
        Assert.Equal(["Compass"], spoiled.Contests.Single().SelectedNames);
        Assert.Equal(audited.Ballot.TrackingCode.FullHex, spoiled.TrackingCode);
        Assert.Equal(0, spoiled.SpoiledHour.Minute + spoiled.SpoiledHour.Second); // kept only to the hour

        // Then every voter casts a freshly encrypted ballot.
        string[] choices = ["compass", "aurora", "compass"];
        for (var i = 0; i < voters.Count; i++)
        {
            var cast = await CastAsync(voters[i], election.Id, Json(Encrypt(voters[i], choices[i]).Ballot));
            await PilotDriver.EnsureAsync(cast);
        }

        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        var result = (await app.CreateClient().GetFromJsonAsync<ElectionResult>("/api/elections/device-cast/result"))!;
        Assert.Equal(3, result.Ballots);
        Assert.Equal([1L, 0, 2], result.Contests[0].Candidates.Select(c => c.Votes)); // the challenged Compass is not among them

        var published = (await app.CreateClient().GetFromJsonAsync<List<SpoiledBallotView>>("/api/elections/device-cast/spoiled"))!;
        Assert.Equal(audited.Ballot.TrackingCode.FullHex, Assert.Single(published).TrackingCode);
        var record = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/elections/device-cast/record"))!;
        var inRecord = Assert.Single(record["spoiledBallots"]!.AsArray())!;
        var reopened = BallotOpener.Open(voters[0].Context, CryptoJson.DeserializeBallot(inRecord["ballot"]!.ToJsonString()),
            new BallotSecrets(CryptoJson.Deserialize<IReadOnlyList<IReadOnlyList<Ballotline.Crypto.Group.Scalar>>>(inRecord["nonces"]!.ToJsonString())));
        Assert.Equal(["compass"], reopened.Plaintext!.Contests[0].Selected); // anyone can re-check the opening from the record

        // Nothing links the spoiled ballot to its voter.
        var columns = await app.WithDbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(SpoiledBallot))!.GetProperties().Select(p => p.Name).ToList()));
        Assert.DoesNotContain(columns, c => c.Contains("Voter", StringComparison.Ordinal) || c.Contains("User", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ballot_with_a_bad_proof_or_for_another_election_or_malformed_is_refused_with_the_failed_check()
    {
        var (app, _, election, voters) = await StartAsync("device-bad");
        await using var _ = app;
        var (otherApp, _, other, otherVoters) = await StartAsync("device-other", voters: 1);
        await using var __ = otherApp;

        var tampered = Json(Encrypt(voters[0], "aurora").Ballot);
        var responses = tampered["contests"]![0]!["selections"]![0]!["proof"]!["responses"]!.AsArray();
        (responses[0], responses[1]) = (responses[1]!.DeepClone(), responses[0]!.DeepClone());
        await AssertRefusedAsync(await CastAsync(voters[0], election.Id, tampered), HttpStatusCode.BadRequest, "ballot-proof-failed",
            "ballot.contest[project-name].selection[aurora].range-proof.challenge");

        var elsewhere = Json(Encrypt(otherVoters[0], "aurora").Ballot);
        await AssertRefusedAsync(await CastAsync(voters[0], election.Id, elsewhere), HttpStatusCode.BadRequest, "ballot-wrong-election", "another election");

        var malformed = Json(Encrypt(voters[0], "aurora").Ballot);
        malformed["contests"]![0]!["selections"]![0]!["ciphertext"]!["pad"] = "02" + new string('0', 63) + "5";
        await AssertRefusedAsync(await CastAsync(voters[0], election.Id, malformed), HttpStatusCode.BadRequest, "invalid-ballot", "point.on-curve");

        var missing = await voters[0].Client.PostAsJsonAsync($"/api/elections/{election.Id}/ballot/encrypted", new { });
        await AssertRefusedAsync(missing, HttpStatusCode.BadRequest, "missing-field", "'ballot'");

        // None of these cost the voter their vote.
        await PilotDriver.EnsureAsync(await CastAsync(voters[0], election.Id, Json(Encrypt(voters[0], "aurora").Ballot)));
        Assert.Equal(0, await otherApp.WithDbAsync(db => db.BallotBox.CountAsync()));
    }

    [Fact]
    public async Task A_voter_who_may_not_cast_hears_why_before_hearing_that_the_ballot_is_unreadable()
    {
        var (app, pilot, election, voters) = await StartAsync("device-order", voters: 1);
        await using var _ = app;
        var unreadable = JsonNode.Parse("{\"contests\": 7}")!;

        await AssertRefusedAsync(await CastAsync(voters[0], Guid.NewGuid(), unreadable), HttpStatusCode.NotFound, "not-found", "election");
        await PilotDriver.EnsureAsync(await CastAsync(voters[0], election.Id, Json(Encrypt(voters[0], "aurora").Ballot)));
        await AssertRefusedAsync(await CastAsync(voters[0], election.Id, unreadable), HttpStatusCode.Conflict, "already-voted", "already voted");

        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        await AssertRefusedAsync(await CastAsync(voters[0], election.Id, unreadable), HttpStatusCode.Conflict, "voting-closed", "has closed");
    }

    [Fact]
    public async Task A_replayed_ballot_and_a_spoiled_ballot_submitted_for_counting_are_refused_and_cost_no_one_their_vote()
    {
        var (app, _, election, voters) = await StartAsync("device-replay");
        await using var _ = app;

        var first = Json(Encrypt(voters[0], "beacon").Ballot);
        await PilotDriver.EnsureAsync(await CastAsync(voters[0], election.Id, first));
        await AssertRefusedAsync(await CastAsync(voters[1], election.Id, first), HttpStatusCode.Conflict, "ballot-replayed", "already been cast");

        var audited = Encrypt(voters[1], "beacon");
        await PilotDriver.EnsureAsync(await ChallengeAsync(voters[1], election.Id, audited));
        await AssertRefusedAsync(await CastAsync(voters[1], election.Id, Json(audited.Ballot)), HttpStatusCode.Conflict, "ballot-spoiled", "never be counted");

        // A cast ballot cannot be challenged afterwards, and nonces that do not open the ballot are named.
        var swapped = Json(audited.Secrets.SelectionNonces);
        var row = swapped[0]!.AsArray();
        (row[0], row[1]) = (row[1]!.DeepClone(), row[0]!.DeepClone());
        await AssertRefusedAsync(await ChallengeAsync(voters[2], election.Id, Encrypt(voters[2], "aurora"), swapped), HttpStatusCode.BadRequest, "opening-failed", "opening.contest[project-name].selection[aurora]");

        await PilotDriver.EnsureAsync(await CastAsync(voters[1], election.Id, Json(Encrypt(voters[1], "beacon").Ballot)));
        Assert.Equal(2, await app.WithDbAsync(db => db.BallotBox.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.SpoiledBallots.CountAsync()));
    }

    [Fact]
    public async Task By_default_the_server_refuses_to_encrypt_choices_sent_in_the_clear()
    {
        var (app, _, election, voters) = await StartAsync("device-clear", voters: 1);
        await using var _ = app;

        var response = await PilotDriver.CastInTheClearAsync(voters[0].Client, election.Id, "aurora");

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "server-encryption-off", "/ballot/encrypted");
        Assert.Equal(0, await app.WithDbAsync(db => db.VoterRoll.CountAsync()));
    }
}
