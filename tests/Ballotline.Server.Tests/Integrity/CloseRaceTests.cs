using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Elections;
using Ballotline.Server.Results;
using Ballotline.Server.Voting;
using Ballotline.Testing;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Integrity;

/// <summary>
/// Closing is a barrier: ballots cast (device-encrypted, the production path) while an administrator closes
/// voting are either receipted and counted, or refused with 409 <c>voting-closed</c>. Repeated with randomised
/// timing; after each round receipted = in the ballot box = tallied = covered by the chain's close, and no voter
/// holds two ballots.
/// </summary>
public sealed class CloseRaceTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    private const int Rounds = 20;
    private const int VotersPerRound = 8;

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Every_ballot_cast_while_voting_closes_is_either_receipted_and_counted_or_refused_as_closed(StorageProvider provider)
    {
        await using var app = new BallotlineApp(provider);
        var pilot = await PilotDriver.StartAsync(app);
        var random = new Random(20261130 + (int)provider);
        var outcomes = new List<RoundOutcome>();
        for (var round = 0; round < Rounds; round++)
        {
            outcomes.Add(await RaceAsync(pilot, app, pilot.Admin, $"close-race-{round}", random, castWindowMs: CastWindow(outcomes), closeWindowMs: CloseWindow(outcomes)));
        }

        await AssertChainClosesCoverAsync(app, outcomes);

        // The timing really raced: some rounds lost casts to the close and some rounds counted casts.
        Assert.Contains(outcomes, o => o.Refused > 0);
        Assert.Contains(outcomes, o => o.Receipted > 0);
    }

    [Fact]
    public async Task Two_instances_on_one_postgresql_where_one_casts_and_the_other_closes_lose_no_receipted_ballot()
    {
        // Both instances share the database, the chain and its authority, and the data-protection key ring key, as a real deployment must.
        var key = await LedgerTestAccounts.FundedKeyAsync(anvil);
        var keyRing = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var casting = new BallotlineApp(StorageProvider.Postgres).WithChain(anvil.RpcUrl, key, recordingConfirmations: "1")
            .With("DataProtection:KeyRingKey", keyRing);
        casting.KeepDatabase = true;
        var pilot = await PilotDriver.StartAsync(casting);
        var closing = new BallotlineApp(StorageProvider.Postgres, casting.PostgresDatabase).WithChain(anvil.RpcUrl, key, recordingConfirmations: "1")
            .With("DataProtection:KeyRingKey", keyRing);
        closing.KeepDatabase = true;
        closing.StartServer();
        var closingAdmin = await PilotDriver.SignInAsync(closing, "admin@example.org", PilotDriver.Password);
        var random = new Random(42);
        var outcomes = new List<RoundOutcome>();
        try
        {
            for (var round = 0; round < 6; round++)
            {
                outcomes.Add(await RaceAsync(pilot, casting, closingAdmin, $"two-instances-{round}", random));
            }

            await AssertChainClosesCoverAsync(casting, outcomes);
        }
        finally
        {
            await closing.DisposeAsync();
            casting.KeepDatabase = false;
            await casting.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ballots_cast_while_voting_pauses_are_receipted_or_refused_and_after_resuming_every_voter_is_counted_once()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var random = new Random(7);
        var outcomes = new List<RoundOutcome>();
        for (var round = 0; round < 8; round++)
        {
            outcomes.Add(await RaceAsync(pilot, app, pilot.Admin, $"pause-race-{round}", random, pause: true, castWindowMs: CastWindow(outcomes)));
        }

        Assert.Contains(outcomes, o => o.Refused > 0);
        Assert.All(outcomes, o => Assert.Equal(VotersPerRound, o.Receipted)); // every voter counted once in the end
    }

    [Fact]
    public async Task Ballots_cast_while_voting_rolls_back_to_the_backup_channel_are_counted_once_across_both_channels()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var random = new Random(11);
        var outcomes = new List<RoundOutcome>();
        for (var round = 0; round < 6; round++)
        {
            var slug = $"rollback-race-{round}";
            var (election, invitations, ballots) = await VotingWithBallotsReadyAsync(pilot, slug, random);
            var castWindowMs = CastWindow(outcomes);
            var casts = ballots.Select(async b =>
            {
                await Task.Delay(random.Next(0, castWindowMs));
                return await b.Voter.PostAsJsonAsync($"/api/elections/{election.Id}/ballot/encrypted", new { ballot = b.Ballot });
            }).ToArray();
            await Task.Delay(random.Next(0, 25));
            var rollback = await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/rollback", new { instructions = "Vote at the town hall." });
            var responses = await Task.WhenAll(casts);
            await PilotDriver.EnsureAsync(rollback);

            // Everyone refused online votes by the backup channel; everyone receipted online is refused there.
            var online = 0;
            for (var i = 0; i < responses.Length; i++)
            {
                var backup = await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/backup-votes", new { email = invitations[i].Email });
                if (responses[i].StatusCode == HttpStatusCode.OK)
                {
                    online++;
                    Assert.Equal(HttpStatusCode.Conflict, backup.StatusCode);
                    Assert.Equal("already-voted", (await PilotDriver.ProblemAsync(backup)).GetProperty("code").GetString());
                }
                else
                {
                    // The rollback pauses, then switches to the backup channel: a cast refused between the two is told "paused".
                    Assert.Contains((await PilotDriver.ProblemAsync(responses[i])).GetProperty("code").GetString(), new[] { "voting-backup", "voting-paused" });
                    await PilotDriver.EnsureAsync(backup);
                }
            }

            Assert.Equal(online, await app.WithDbAsync(db => db.BallotBox.CountAsync(b => b.ElectionId == election.Id)));
            Assert.Equal(VotersPerRound, await app.WithDbAsync(db => db.VoterRoll.CountAsync(r => r.ElectionId == election.Id)));
            outcomes.Add(new RoundOutcome(slug, online, responses.Length - online));
        }

        Assert.True(outcomes.Exists(o => o.Refused > 0), "no cast lost the race to the rollback");
    }

    private sealed record RoundOutcome(string Slug, int Receipted, int Refused);

    /// <summary>
    /// How widely the next round spreads its casts (ms): 15 while the transition has already refused some cast, doubled
    /// for each round since one last did — on a loaded machine the transition's request can take longer than every
    /// cast, and then no round would race at all.
    /// </summary>
    private static int CastWindow(List<RoundOutcome> outcomes)
    {
        var roundsSinceRefusal = outcomes.Count - 1 - outcomes.FindLastIndex(o => o.Refused > 0);
        return 15 << Math.Min(roundsSinceRefusal, 5);
    }

    // The other way round: while the close keeps beating every cast (a slow moment for casting — seen on PostgreSQL
    // under the full suite's load, all 20 rounds refused), the close waits up to twice as long each round, up to 800 ms.
    private static int CloseWindow(List<RoundOutcome> outcomes)
    {
        var roundsSinceReceipt = outcomes.Count - 1 - outcomes.FindLastIndex(o => o.Receipted > 0);
        return 25 << Math.Min(roundsSinceReceipt, 5);
    }

    /// <summary>
    /// An open election whose voters are registered, each with a ballot already encrypted on their device, so that
    /// only casting races what the test does.
    /// </summary>
    private static async Task<(ElectionSummary Election, IReadOnlyList<Server.PilotGroup.PilotGroupApi.InvitationView> Invitations, List<(HttpClient Voter, JsonElement Ballot)> Ballots)>
        VotingWithBallotsReadyAsync(PilotDriver pilot, string slug, Random random)
    {
        var (election, invitations) = await pilot.OpenRegistrationAsync(slug, VotersPerRound, slug + ".example.org");
        await pilot.OpenVotingAsync(election.Id);
        var voters = await Task.WhenAll(invitations.Select(pilot.RegisterAsync));
        var ballots = new List<(HttpClient Voter, JsonElement Ballot)>();
        foreach (var voter in voters)
        {
            var choice = random.Next(3) switch { 0 => "aurora", 1 => "beacon", _ => "compass" };
            ballots.Add((voter, await PilotDriver.EncryptOnDeviceAsync(voter, election.Id, choice)));
        }

        return (election, invitations, ballots);
    }

    /// <summary>
    /// One round: every voter casts at a random moment while the election is closed (or, with <paramref name="pause"/>,
    /// paused, then resumed so the refused voters cast again, then closed).
    /// </summary>
    private static async Task<RoundOutcome> RaceAsync(PilotDriver pilot, BallotlineApp app, HttpClient closer, string slug, Random random, bool pause = false, int castWindowMs = 15, int closeWindowMs = 25)
    {
        var (election, _, ballots) = await VotingWithBallotsReadyAsync(pilot, slug, random);

        var casts = ballots.Select(async b =>
        {
            await Task.Delay(random.Next(0, castWindowMs));
            return await b.Voter.PostAsJsonAsync($"/api/elections/{election.Id}/ballot/encrypted", new { ballot = b.Ballot });
        }).ToArray();
        await Task.Delay(random.Next(0, closeWindowMs));
        // Closed without the key passphrase, as the scheduler closes: the close itself is what races the casts (opening
        // the key first would give them a head start); the count follows.
        var close = await closer.PostAsJsonAsync($"/api/elections/{election.Id}/transitions", new { to = pause ? "Paused" : "Closed", reason = "race" });
        var responses = await Task.WhenAll(casts);
        await PilotDriver.EnsureAsync(close);
        if (!pause)
        {
            await PilotDriver.EnsureAsync(await closer.PostAsJsonAsync($"/api/elections/{election.Id}/transitions", new { to = "Tallied", reason = "count", keyPassphrase = PilotDriver.KeyPassphrase }));
        }

        var receipted = new HashSet<string>(StringComparer.Ordinal);
        var refused = new List<int>();
        for (var i = 0; i < responses.Length; i++)
        {
            if (responses[i].StatusCode == HttpStatusCode.OK)
            {
                receipted.Add((await responses[i].Content.ReadFromJsonAsync<Receipt>())!.TrackingCode);
                continue;
            }

            Assert.Equal(HttpStatusCode.Conflict, responses[i].StatusCode);
            Assert.Equal(pause ? "voting-paused" : "voting-closed", (await PilotDriver.ProblemAsync(responses[i])).GetProperty("code").GetString());
            refused.Add(i);
        }

        if (pause)
        {
            // Resumed: the refused voters cast the same ballots again, the others are told they already voted; then the close.
            await PilotDriver.EnsureAsync(await closer.PostAsJsonAsync($"/api/elections/{election.Id}/transitions", new { to = "VotingOpen", reason = "resume" }));
            foreach (var i in refused)
            {
                var again = await ballots[i].Voter.PostAsJsonAsync($"/api/elections/{election.Id}/ballot/encrypted", new { ballot = ballots[i].Ballot });
                await PilotDriver.EnsureAsync(again);
                receipted.Add((await again.Content.ReadFromJsonAsync<Receipt>())!.TrackingCode);
            }

            await PilotDriver.EnsureAsync(await closer.PostAsJsonAsync($"/api/elections/{election.Id}/transitions", new { to = "Closed", reason = "race over", keyPassphrase = PilotDriver.KeyPassphrase }));
        }

        var inBox = await app.WithDbAsync(db => db.BallotBox.Where(b => b.ElectionId == election.Id).Select(b => b.TrackingCode).ToListAsync());
        var onRoll = await app.WithDbAsync(db => db.VoterRoll.CountAsync(r => r.ElectionId == election.Id));
        var result = (await app.CreateClient().GetFromJsonAsync<ElectionResult>($"/api/elections/{slug}/result"))!;
        Assert.True(receipted.SetEquals(inBox), $"{slug}: {receipted.Count} receipted but {inBox.Count} in the ballot box");
        Assert.Equal(receipted.Count, onRoll);
        Assert.Equal(receipted.Count, result.Ballots);
        Assert.Equal(receipted.Count, result.Contests.Single().Candidates.Sum(c => c.Votes));
        return new RoundOutcome(slug, receipted.Count, refused.Count);
    }

    private static async Task AssertChainClosesCoverAsync(BallotlineApp app, IReadOnlyList<RoundOutcome> outcomes)
    {
        var client = app.CreateClient();
        foreach (var outcome in outcomes)
        {
            await Eventually.HoldsAsync(async () =>
                (await client.GetFromJsonAsync<List<LedgerApi.AnchorView>>($"/api/elections/{outcome.Slug}/anchors"))!.Any(a => a is { Kind: "Close", Status: "Final" }),
                $"{outcome.Slug} is closed on the chain");
            var close = (await client.GetFromJsonAsync<List<LedgerApi.AnchorView>>($"/api/elections/{outcome.Slug}/anchors"))!.Single(a => a.Kind == "Close");
            Assert.Equal(outcome.Receipted, close.TreeSize);
        }
    }
}
