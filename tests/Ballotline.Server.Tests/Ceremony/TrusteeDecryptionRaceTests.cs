using System.Net.Http.Json;
using Ballotline.Server.Elections;
using Ballotline.TrusteeTool;

namespace Ballotline.Server.Tests.Ceremony;

/// <summary>
/// The last shares of a quorum arriving at the same moment: whichever order the server interleaves them in, the
/// election is tallied exactly once and every trustee's request succeeds — never two shares stored and the tally
/// left waiting for a share that has already come.
/// </summary>
public sealed class TrusteeDecryptionRaceTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_trustees_completing_the_quorum_at_the_same_moment_tally_the_election_once(StorageProvider provider)
    {
        for (var round = 0; round < 3; round++)
        {
            await using var app = new BallotlineApp(provider);
            var slug = $"quorum-race-{round}";
            var e = await TrusteeElection.AppointAsync(app, slug, 2, "Ada", "Ben", "Cleo");
            await e.RunCeremonyAsync(new TrusteeClient(TextWriter.Null));
            await e.CastAndCloseAsync("beacon");

            // Both shares are held until both are ready, then sent together (with a random head start of up to 2 ms).
            using var gate = new SharesTogether(2, round);
            await Task.WhenAll(
                new TrusteeClient(TextWriter.Null, gate).DecryptAsync(e.KeyFile(1), null, CancellationToken.None),
                new TrusteeClient(TextWriter.Null, gate).DecryptAsync(e.KeyFile(2), null, CancellationToken.None));

            var stored = await app.WithDbAsync(db => db.Elections.FindAsync(e.Election.Id).AsTask());
            Assert.Equal(ElectionState.Tallied, stored!.State);
            var result = (await app.CreateClient().GetFromJsonAsync<Server.Results.ElectionResult>($"/api/elections/{slug}/result"))!;
            Assert.Equal([0L, 1, 0], result.Contests[0].Candidates.Select(c => c.Votes));
        }
    }

    /// <summary>Holds each PUT of a decryption until <paramref name="count"/> are waiting, then lets them all go.</summary>
    private sealed class SharesTogether(int count, int seed) : DelegatingHandler(new HttpClientHandler())
    {
        private readonly Barrier _barrier = new(count);
        private readonly Random _random = new(seed);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.EndsWith("/decryption", StringComparison.Ordinal))
            {
                int delay;
                lock (_random)
                {
                    delay = _random.Next(0, 3);
                }

                await Task.Run(() => _barrier.SignalAndWait(TimeSpan.FromSeconds(30)), cancellationToken);
                await Task.Delay(delay, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            _barrier.Dispose();
            base.Dispose(disposing);
        }
    }
}
