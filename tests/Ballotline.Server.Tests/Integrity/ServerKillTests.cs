using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Elections;
using Ballotline.Server.Results;
using Ballotline.Server.Voting;

namespace Ballotline.Server.Tests.Integrity;

/// <summary>
/// The server process killed with SIGKILL at random moments while voters cast device-encrypted ballots, six
/// times, then started again each time on the same data directory (SQLite and the embedded chain): every
/// receipted ballot is in the box, counted and covered by the chain's close; no voter has two ballots; the
/// chain replays every time.
/// </summary>
public sealed class ServerKillTests
{
    private const int Voters = 30;
    private const int Kills = 6;

    private sealed record Voter(string Email, string Bearer, JsonElement Ballot);

    [Fact]
    public async Task Killing_the_server_at_random_points_during_casting_loses_no_receipted_ballot_and_gives_no_voter_two()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ballotline-tests", Guid.NewGuid().ToString("N"));
        var (electionId, adminBearer, voters) = await PrepareAsync(dataDirectory);
        var random = new Random(20261130);
        var receipted = new Dictionary<string, string>(StringComparer.Ordinal);
        var stored = new HashSet<string>(StringComparer.Ordinal); // cast at some point, receipt possibly lost with the process
        var interrupted = 0;
        try
        {
            for (var kill = 0; kill < Kills; kill++)
            {
                var pending = voters.Where(v => !stored.Contains(v.Email)).ToList();
                if (pending.Count == 0)
                {
                    break; // every ballot is in: nothing left for a kill to cut off
                }

                await using var server = await ServerProcess.StartAsync(dataDirectory, Ports.Free());

                // One voter casts alone first: the server is then warm on the whole casting path, so that the others are
                // not all held back by a cold start, queued up and appended in one batch before the kill lands. (A voter
                // whose ballot went in while its answer died with the process is told "already voted": as warm.)
                Record(pending[0], await TryCastAsync(server, electionId, pending[0]), receipted, stored);

                // The others arrive at random within a second and the kill lands at a random moment of that second: some
                // casts are answered before it, some are on their way (being checked, or queued for the box), some come after.
                var casts = pending.Skip(1).Select(async v =>
                {
                    await Task.Delay(random.Next(0, 1000));
                    return (v, await TryCastAsync(server, electionId, v));
                }).ToList();
                await Task.Delay(random.Next(0, 1000));
                server.Kill();
                foreach (var (voter, outcome) in await Task.WhenAll(casts))
                {
                    interrupted += outcome.Status is null ? 1 : 0;
                    Record(voter, outcome, receipted, stored);
                }
            }

            // The kills really landed mid-casting: some casts died with the process, some were receipted before.
            Assert.True(interrupted > 0, "no cast was cut off by a kill");
            Assert.True(receipted.Count > 0, "no cast was receipted between kills");

            // After the last restart everyone still waiting casts, then the election closes and is tallied.
            await using var last = await ServerProcess.StartAsync(dataDirectory, Ports.Free());
            foreach (var voter in voters.Where(v => !stored.Contains(v.Email)))
            {
                Record(voter, await TryCastAsync(last, electionId, voter), receipted, stored);
            }

            Assert.Equal(Voters, stored.Count);
            using var admin = Client(last, adminBearer);
            await PilotDriver.EnsureAsync(await admin.PostAsJsonAsync($"/api/elections/{electionId}/transitions", new { to = "Closed", reason = "end of the kill test", keyPassphrase = PilotDriver.KeyPassphrase }));
            var result = (await admin.GetFromJsonAsync<ElectionResult>("/api/elections/server-kill/result"))!;
            Assert.Equal(Voters, result.Ballots);
            await Eventually.HoldsAsync(async () => (await admin.GetFromJsonAsync<List<LedgerApi.AnchorView>>("/api/elections/server-kill/anchors"))!
                .Any(a => a is { Kind: "Close", Status: "Final", TreeSize: Voters }), "the close covering every ballot is final on the embedded chain", 90);

            var anchors = (await admin.GetFromJsonAsync<List<LedgerApi.AnchorView>>("/api/elections/server-kill/anchors"))!.Where(a => a.Status != "Failed").ToList();
            Assert.Equal(anchors.Count, anchors.Select(a => (a.Kind, a.TreeSize)).Distinct().Count()); // nothing sent twice
            // Every receipt names a ballot in the log, at its own position: 30 ballots, 30 voters, none twice.
            var positions = new HashSet<long>();
            foreach (var (email, code) in receipted)
            {
                var lookup = await admin.GetFromJsonAsync<VotingApi.BallotLookup>($"/api/ballots/{code}");
                Assert.True(lookup is not null && positions.Add(lookup.LogPosition), $"{email}'s receipted ballot is in the log once");
                Assert.InRange(lookup.LogPosition, 0, Voters - 1);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Record(Voter voter, (HttpStatusCode? Status, string? Code, string? Problem) outcome, Dictionary<string, string> receipted, HashSet<string> stored)
    {
        switch (outcome)
        {
            case (HttpStatusCode.OK, { } code, _):
                receipted[voter.Email] = code;
                stored.Add(voter.Email);
                break;
            case (HttpStatusCode.Conflict, _, "already-voted" or "ballot-replayed"):
                // The cast was stored before the kill, but its answer died with the process: the voter's ballot is in.
                stored.Add(voter.Email);
                break;
            case (null, _, _):
                break; // the process was killed before it answered
            default:
                Assert.Fail($"{voter.Email}: unexpected answer {outcome.Status} {outcome.Problem}");
                break;
        }
    }

    private static async Task<(HttpStatusCode? Status, string? Code, string? Problem)> TryCastAsync(ServerProcess server, Guid electionId, Voter voter)
    {
        using var client = Client(server, voter.Bearer);
        try
        {
            var response = await client.PostAsJsonAsync($"/api/elections/{electionId}/ballot/encrypted", new { ballot = voter.Ballot });
            return response.StatusCode == HttpStatusCode.OK
                ? (response.StatusCode, (await response.Content.ReadFromJsonAsync<Receipt>())!.TrackingCode, null)
                : (response.StatusCode, null, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (null, null, null);
        }
    }

    private static HttpClient Client(ServerProcess server, string bearer)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>An open election with every voter registered and their ballot encrypted on their device, prepared in-process, then the host stopped.</summary>
    private static async Task<(Guid ElectionId, string AdminBearer, List<Voter> Voters)> PrepareAsync(string dataDirectory)
    {
        var app = new BallotlineApp(dataDirectory: dataDirectory) { KeepDatabase = true };
        await using (app)
        {
            var pilot = await PilotDriver.StartAsync(app);
            var election = await pilot.CreateElectionAsync(PilotDriver.Input("server-kill"));
            await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(Voters)));
            await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
            var invitations = await pilot.InviteAsync(election.Id);
            await pilot.OpenVotingAsync(election.Id);
            var voters = new List<Voter>();
            foreach (var invitation in invitations)
            {
                var client = await pilot.RegisterAsync(invitation);
                var ballot = await PilotDriver.EncryptOnDeviceAsync(client, election.Id, voters.Count % 2 == 0 ? "aurora" : "compass");
                voters.Add(new Voter(invitation.Email, client.DefaultRequestHeaders.Authorization!.Parameter!, ballot));
            }

            return (election.Id, pilot.Admin.DefaultRequestHeaders.Authorization!.Parameter!, voters);
        }
    }
}
