using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Tally;
using Ballotline.Crypto.Trustees;
using Ballotline.Server.Elections;
using Ballotline.Server.Results;
using Ballotline.Server.Voting;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Elections;

/// <summary>The whole election, through the API, on each storage provider.</summary>
public sealed class ElectionFlowTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task A_whole_election_runs_from_setup_to_a_verified_result(StorageProvider provider)
    {
        await using var app = new BallotlineApp(provider);
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("flow"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(6)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var invitations = await pilot.InviteAsync(election.Id);
        Assert.Equal(6, invitations.Count);
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);

        string[] votes = ["aurora", "beacon", "beacon", "compass", "beacon"];
        var receipts = new List<Receipt>();
        for (var i = 0; i < votes.Length; i++)
        {
            var voter = await pilot.RegisterAsync(invitations[i]);
            var ballot = await voter.GetFromJsonAsync<JsonElement>($"/api/elections/{election.Id}/ballot");
            Assert.Equal(3, ballot.GetProperty("contests")[0].GetProperty("candidates").GetArrayLength());
            var cast = await PilotDriver.CastAsync(voter, election.Id, votes[i]);
            await PilotDriver.EnsureAsync(cast);
            receipts.Add((await cast.Content.ReadFromJsonAsync<Receipt>())!);
        }

        Assert.Equal([0L, 1, 2, 3, 4], receipts.Select(r => r.LogPosition));
        var lookup = await app.CreateClient().GetFromJsonAsync<VotingApi.BallotLookup>($"/api/ballots/{receipts[2].ShortCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)}");
        Assert.Equal(receipts[2].TrackingCode, lookup!.TrackingCode);

        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        var summary = await pilot.Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{election.Id}");
        Assert.Equal(nameof(ElectionState.Tallied), summary!.State);

        var result = await app.CreateClient().GetFromJsonAsync<ElectionResult>("/api/elections/flow/result");
        Assert.Equal(5, result!.Ballots);
        Assert.Equal(6, result.PilotGroupSize);
        Assert.Equal(5, result.Registered);
        Assert.Equal([1L, 3, 1], result.Contests[0].Candidates.Select(c => c.Votes));

        // The published record re-verifies with nothing but the crypto library.
        var record = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/api/elections/flow/record")).RootElement;
        var manifest = CryptoJson.Deserialize<ElectionManifest>(record.GetProperty("manifest").GetRawText());
        var commitments = CryptoJson.Deserialize<TrusteeCommitment[]>(record.GetProperty("commitments").GetRawText());
        var context = KeyCeremony.CreateContext(manifest, 1, 1, commitments);
        var ballots = record.GetProperty("ballots").EnumerateArray().Select(b => CryptoJson.Deserialize<EncryptedBallot>(b.GetProperty("ballot").GetRawText())).ToArray();
        var tally = CryptoJson.Deserialize<TallyResult>(record.GetProperty("tally").GetRawText());
        Assert.True(TallyVerifier.Verify(context, commitments, ballots, tally).IsValid);
        Assert.Equal(receipts.Select(r => r.TrackingCode), ballots.Select(b => b.TrackingCode.FullHex));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Fifty_concurrent_casts_by_one_voter_store_exactly_one_ballot(StorageProvider provider)
    {
        await using var app = new BallotlineApp(provider);
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("race"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(2)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var invitations = await pilot.InviteAsync(election.Id);
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        var voter = await pilot.RegisterAsync(invitations[0]);

        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 50).Select(async i =>
        {
            await start.WaitAsync();
            return await PilotDriver.CastAsync(voter, election.Id, i % 2 == 0 ? "aurora" : "compass");
        }).ToArray();
        start.Release(50);
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var problem = await PilotDriver.ProblemAsync(responses.First(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal("already-voted", problem.GetProperty("code").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.BallotBox.CountAsync(b => b.ElectionId == election.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.VoterRoll.CountAsync(r => r.ElectionId == election.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Elections.Where(e => e.Id == election.Id).Select(e => e.BallotCount).SingleAsync()));
    }
}
