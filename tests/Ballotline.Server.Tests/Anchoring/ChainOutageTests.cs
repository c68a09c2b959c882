using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Voting;
using Ballotline.Testing;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Anchoring;

/// <summary>The chain goes away mid-election and comes back; and two server instances share one PostgreSQL.</summary>
public sealed class ChainOutageTests(BlockTimeAnvilNode anvil) : IClassFixture<BlockTimeAnvilNode>
{
    [Fact]
    public async Task Ballots_cast_during_a_chain_outage_are_accepted_and_anchored_when_it_returns()
    {
        await using var proxy = new TcpProxy(anvil.Port);
        proxy.Start();
        await using var app = new BallotlineApp().WithChain(proxy.Url, await LedgerTestAccounts.FundedKeyAsync(anvil));
        var (pilot, election, receipts) = await AnchoringTests.CastAsync(app, "outage", 2, groupSize: 5);
        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, receipts[^1].TrackingCode)).Stage == "final", "the first ballots are final");

        proxy.Cut();
        var invitations = await pilot.InviteAsync(election.Id);
        for (var i = 0; i < 3; i++)
        {
            var voter = await pilot.RegisterAsync(invitations[i]);
            var cast = await PilotDriver.CastAsync(voter, election.Id, "compass");
            await PilotDriver.EnsureAsync(cast);
            var receipt = (await cast.Content.ReadFromJsonAsync<Receipt>())!;
            Assert.Equal("accepted", receipt.Chain.Stage);
            receipts.Add(receipt);
        }

        await Eventually.HoldsAsync(async () =>
        {
            var health = await app.CreateClient().GetFromJsonAsync<JsonElement>("/healthz");
            return health.GetProperty("components").GetProperty("chain").GetProperty("status").GetString() == "degraded";
        }, "/healthz shows the chain as down");
        Assert.Contains("as soon as the chain is reachable again", (await AnchoringTests.StatusAsync(app, receipts[^1].TrackingCode)).Description, StringComparison.Ordinal);

        // A voter checking a final ballot while the node cannot be reached is told to try again: 503 with Retry-After, never a 500.
        var check = await app.CreateClient().GetAsync($"/api/ballots/{receipts[0].TrackingCode}/verification");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, check.StatusCode);
        Assert.Equal("30", check.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("chain-unavailable", (await PilotDriver.ProblemAsync(check)).GetProperty("code").GetString());

        proxy.Start();
        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, receipts[^1].TrackingCode)).Stage == "final", "the ballots cast during the outage are final");
        foreach (var receipt in receipts)
        {
            Assert.True((await AnchoringTests.VerifyAsync(app, receipt.TrackingCode)).Verified);
        }

        var anchors = await app.WithDbAsync(db => db.Anchors.Where(a => a.ElectionId == election.Id && a.Kind == AnchorKind.Anchor && a.Status != AnchorStatus.Failed).ToListAsync());
        Assert.Equal(anchors.Count, anchors.Select(a => a.TreeSize).Distinct().Count());
        Assert.Equal(5, anchors.Max(a => a.TreeSize));
    }

    [Fact]
    public async Task Two_server_instances_on_one_postgresql_anchor_every_ballot_exactly_once()
    {
        var key = await LedgerTestAccounts.FundedKeyAsync(anvil);
        var keyRing = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)); // shared, as a real deployment must
        await using var first = new BallotlineApp(StorageProvider.Postgres).WithChain(anvil.RpcUrl, key).With("DataProtection:KeyRingKey", keyRing);
        var (_, election, receipts) = await AnchoringTests.CastAsync(first, "two-instances", 4, groupSize: 8);
        await using var second = new BallotlineApp(StorageProvider.Postgres, first.PostgresDatabase).WithChain(anvil.RpcUrl, key).With("DataProtection:KeyRingKey", keyRing);
        second.KeepDatabase = true;
        second.StartServer();

        // Both instances are running their anchorers now; cast more through the second one.
        var pilot2 = await PilotDriver.SignInAsync(second, "admin@example.org", PilotDriver.Password);
        var invitations = await (await pilot2.PostAsync($"/api/elections/{election.Id}/invitations", null)).Content.ReadFromJsonAsync<List<Server.PilotGroup.PilotGroupApi.InvitationView>>();
        for (var i = 0; i < 3; i++)
        {
            var anonymous = second.CreateClient();
            var token = PilotDriver.TokenOf(invitations![i]);
            await PilotDriver.EnsureAsync(await anonymous.PostAsJsonAsync($"/api/registrations/{token}", new { password = PilotDriver.Password, acknowledgedTestNotice = true }));
            var voter = await PilotDriver.SignInAsync(second, invitations[i].Email, PilotDriver.Password);
            var cast = await PilotDriver.CastAsync(voter, election.Id, "beacon");
            await PilotDriver.EnsureAsync(cast);
            receipts.Add((await cast.Content.ReadFromJsonAsync<Receipt>())!);
        }

        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(second, receipts[^1].TrackingCode)).Stage == "final", "every ballot is final");
        var anchors = await first.WithDbAsync(db => db.Anchors.Where(a => a.ElectionId == election.Id).ToListAsync());
        Assert.Single(anchors, a => a.Kind == AnchorKind.Open);
        Assert.DoesNotContain(anchors, a => a.Status == AnchorStatus.Failed);
        var sizes = anchors.Where(a => a.Kind == AnchorKind.Anchor).Select(a => a.TreeSize).ToList();
        Assert.Equal(sizes.Count, sizes.Distinct().Count());
        Assert.Equal(7, sizes.Max());
        Assert.Equal(7, receipts.Select(r => r.LogPosition).Distinct().Count());

        // The first instance stops (its lock goes with its connection): the second takes over anchoring.
        first.KeepDatabase = true;
        second.KeepDatabase = false;
        await first.DisposeAsync();
        await PilotDriver.EnsureAsync(await second.CreateClient().PostAsJsonAsync($"/api/registrations/{PilotDriver.TokenOf(invitations![3])}", new { password = PilotDriver.Password, acknowledgedTestNotice = true }));
        var lastVoter = await PilotDriver.SignInAsync(second, invitations[3].Email, PilotDriver.Password);
        var lastCast = await PilotDriver.CastAsync(lastVoter, election.Id, "aurora");
        await PilotDriver.EnsureAsync(lastCast);
        var lastReceipt = (await lastCast.Content.ReadFromJsonAsync<Receipt>())!;
        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(second, lastReceipt.TrackingCode)).Stage == "final", "the second instance anchors after the first stopped");
        Assert.True((await AnchoringTests.VerifyAsync(second, lastReceipt.TrackingCode)).Verified);
    }
}
