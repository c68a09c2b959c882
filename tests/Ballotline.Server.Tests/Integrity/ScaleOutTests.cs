using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Results;
using Ballotline.Server.Voting;
using Ballotline.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ballotline.Server.Tests.Integrity;

/// <summary>
/// Several instances behind nginx on one PostgreSQL, as docs/deployment.md shows the scale-out: voters register,
/// sign in and cast device-encrypted ballots through nginx, which spreads them over three instances; an
/// administrator closes and tallies on one of them. No receipted ballot is lost, every instance served casts, and at
/// every moment at most one instance holds the anchorer's lock (a PostgreSQL advisory lock), so the chain sees one
/// writer: the anchored tree sizes only grow and the close covers every ballot.
/// </summary>
public sealed class ScaleOutTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    private const int Instances = 3;
    private const int Voters = 36;

    [Fact]
    public async Task Three_instances_behind_nginx_lose_no_ballot_and_only_one_of_them_anchors()
    {
        // What a real deployment shares: the database, the chain and its authority, the data-protection key ring key.
        var key = await LedgerTestAccounts.FundedKeyAsync(anvil);
        var keyRing = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var apps = new List<BallotlineApp>();
        var ports = new List<int>();
        for (var i = 0; i < Instances; i++)
        {
            var app = new BallotlineApp(StorageProvider.Postgres, apps.FirstOrDefault()?.PostgresDatabase)
                .WithChain(anvil.RpcUrl, key, recordingConfirmations: "1").With("DataProtection:KeyRingKey", keyRing);
            app.KeepDatabase = true;
            ports.Add(Ports.Free());
            app.UseKestrel(ports[^1]);
            apps.Add(app);
        }

        try
        {
            var pilot = await PilotDriver.StartAsync(apps[0]);
            foreach (var other in apps.Skip(1))
            {
                other.StartServer();
            }

            await using var nginx = await NginxProxy.StartAsync(Path.Combine(apps[0].DataDirectory, "nginx"), Ports.Free(), ports);
            var (election, invitations) = await pilot.OpenRegistrationAsync("scale-out", Voters, "scale-out.example.org");
            await pilot.OpenVotingAsync(election.Id);

            // The anchorer's lock, watched from PostgreSQL while the voters cast.
            using var watching = new CancellationTokenSource();
            var holders = WatchAnchorerLockAsync(apps[0].ConnectionString, watching.Token);

            var receipts = new ConcurrentBag<string>();
            using var throttle = new SemaphoreSlim(8);
            await Task.WhenAll(invitations.Select(async invitation =>
            {
                await throttle.WaitAsync();
                try
                {
                    using var voter = await RegisterThroughAsync(nginx.Port, invitation);
                    var cast = await PilotDriver.CastAsync(voter, election.Id, invitation.Email.Length % 2 == 0 ? "aurora" : "compass");
                    await PilotDriver.EnsureAsync(cast);
                    receipts.Add((await cast.Content.ReadFromJsonAsync<Receipt>())!.TrackingCode);
                }
                finally
                {
                    throttle.Release();
                }
            }));

            // Closed and tallied on the last instance, which served none of the administrator's earlier requests.
            var closer = await PilotDriver.SignInAsync(apps[^1], "admin@example.org", PilotDriver.Password);
            await PilotDriver.EnsureAsync(await closer.PostAsJsonAsync($"/api/elections/{election.Id}/transitions", new { to = "Closed", reason = "scale-out" }));
            await PilotDriver.EnsureAsync(await closer.PostAsJsonAsync($"/api/elections/{election.Id}/transitions", new { to = "Tallied", reason = "count", keyPassphrase = PilotDriver.KeyPassphrase }));
            using var anyone = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{nginx.Port}") };
            await Eventually.HoldsAsync(async () =>
                (await anyone.GetFromJsonAsync<List<LedgerApi.AnchorView>>("/api/elections/scale-out/anchors"))!.Any(a => a is { Kind: "Close", Status: "Final" }),
                "the close is final on the chain");
            await watching.CancelAsync();
            var lockSamples = await holders;

            // No receipted ballot lost: receipted = in the box = counted = covered by the chain's close.
            Assert.Equal(Voters, receipts.Count);
            var inBox = await apps[1].WithDbAsync(db => db.BallotBox.Where(b => b.ElectionId == election.Id).Select(b => b.TrackingCode).ToListAsync());
            Assert.True(receipts.ToHashSet(StringComparer.Ordinal).SetEquals(inBox), $"{receipts.Count} receipted, {inBox.Count} in the ballot box");
            var result = (await anyone.GetFromJsonAsync<ElectionResult>("/api/elections/scale-out/result"))!;
            Assert.Equal(Voters, result.Ballots);
            Assert.Equal(Voters, result.Contests.Single().Candidates.Sum(c => c.Votes));
            var anchors = (await anyone.GetFromJsonAsync<List<LedgerApi.AnchorView>>("/api/elections/scale-out/anchors"))!;
            Assert.Equal(Voters, anchors.Single(a => a.Kind == "Close").TreeSize);

            // One writer on the chain: the final anchors' tree sizes strictly grow, no range was anchored twice.
            var sizes = anchors.Where(a => a is { Kind: "Anchor", Status: "Final" }).Select(a => a.TreeSize).ToList();
            Assert.Equal(sizes.Order(), sizes);
            Assert.Equal(sizes.Count, sizes.Distinct().Count());

            // Exactly one anchorer at every moment PostgreSQL was asked, and one from the start to the end.
            Assert.True(lockSamples.Count >= 10, $"only {lockSamples.Count} samples of the lock were taken");
            Assert.All(lockSamples, n => Assert.Equal(1, n));

            // nginx spread the voters over every instance.
            var casts = (await File.ReadAllLinesAsync(nginx.AccessLog)).Where(l => l.Contains("/ballot/encrypted 200", StringComparison.Ordinal))
                .GroupBy(l => l.Split(' ')[0]).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(Voters, casts.Values.Sum());
            Assert.All(ports, p => Assert.True(casts.GetValueOrDefault($"127.0.0.1:{p}") > 0, $"instance {p} served no cast: {string.Join(", ", casts)}"));
        }
        finally
        {
            foreach (var app in apps.AsEnumerable().Reverse())
            {
                app.KeepDatabase = app != apps[0]; // the first, disposed last, drops the database
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>A voter's own client through nginx: registered with the invitation, signed in with a bearer token.</summary>
    private static async Task<HttpClient> RegisterThroughAsync(int port, Server.PilotGroup.PilotGroupApi.InvitationView invitation)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var token = PilotDriver.TokenOf(invitation);
        await PilotDriver.EnsureAsync(await client.GetAsync($"/api/registrations/{token}"));
        await PilotDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/registrations/{token}", new { password = PilotDriver.Password, acknowledgedTestNotice = true }));
        var signIn = await client.PostAsJsonAsync("/api/auth/token", new { email = invitation.Email, password = PilotDriver.Password });
        await PilotDriver.EnsureAsync(signIn);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>How many sessions hold an advisory lock in the election's database, every 100 ms until cancelled.</summary>
    private static async Task<List<long>> WatchAnchorerLockAsync(string connectionString, CancellationToken ct)
    {
        var samples = new List<long>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        while (!ct.IsCancellationRequested)
        {
            await using (var count = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection))
            {
                samples.Add((long)(await count.ExecuteScalarAsync(CancellationToken.None))!);
            }

            try
            {
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return samples;
    }
}
