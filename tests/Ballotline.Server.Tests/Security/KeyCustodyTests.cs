using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Trustees;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Security;

/// <summary>
/// With the default single trustee, the key that decrypts the count is sealed under the organiser's passphrase,
/// which the server never stores. Tried as the person who walks away with a full copy of the data directory and
/// the configuration: the secret is nowhere in it, in any encoding, and a server started on the copy cannot
/// count without the passphrase.
/// </summary>
public sealed class KeyCustodyTests
{
    [Fact]
    public async Task A_full_copy_of_the_data_directory_and_configuration_cannot_decrypt_anything()
    {
        var copy = Path.Combine(Path.GetTempPath(), "ballotline-tests", "stolen-" + Guid.NewGuid().ToString("N"));
        Guid tallied, closed;
        Scalar secret;
        await using (var app = new BallotlineApp())
        {
            var pilot = await PilotDriver.StartAsync(app);
            (tallied, var talliedSecret) = await ElectionWithBallotsAsync(app, pilot, "custody-tallied");
            (closed, secret) = await ElectionWithBallotsAsync(app, pilot, "custody-closed");
            await pilot.MoveAsync(tallied, ElectionState.Closed);
            Assert.Equal(nameof(ElectionState.Tallied), (await pilot.Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{tallied}"))!.State);

            // Closed without the passphrase (as the scheduler closes): stays closed, waiting for the organiser.
            await PilotDriver.EnsureAsync(await pilot.Admin.PostAsJsonAsync($"/api/elections/{closed}/transitions", new { to = "Closed" }));
            Assert.Equal(nameof(ElectionState.Closed), (await pilot.Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{closed}"))!.State);

            foreach (var key in new[] { talliedSecret, secret })
            {
                AssertNowhereIn(app.DataDirectory, key);
            }

            app.KeepDatabase = true;
            await app.DisposeAsync();
            CopyDirectory(app.DataDirectory, copy);
        }

        // The copy, with the same configuration: everything the server ever stored, minus the organiser's memory.
        await using var stolen = new BallotlineApp(dataDirectory: copy);
        stolen.StartServer();
        var election = await stolen.WithDbAsync(db => db.Elections.SingleAsync(e => e.Id == closed));
        var sealedKey = CryptoJson.Deserialize<SealedTrusteeKey>(election.SealedTrusteeKey!);
        Assert.Equal((SealedTrusteeKey.Argon2id, SealedTrusteeKey.DefaultMemoryKiB), (sealedKey.Kdf, sealedKey.MemoryKiB));
        await AssertRefusedAsync(stolen, closed, null, "key-passphrase-required");
        await AssertRefusedAsync(stolen, closed, "correct horse battery stapler", "key-passphrase-wrong");
        Assert.Contains(await stolen.WithDbAsync(db => db.AuditLog.Where(a => a.ElectionId == closed).Select(a => a.Action).ToListAsync()), a => a == "key-passphrase-refused");
        Assert.Null(await stolen.WithDbAsync(db => db.Elections.Where(e => e.Id == closed).Select(e => e.ResultJson).SingleAsync()));

        // The organiser, with the passphrase, counts on the same copy: the passphrase was the only thing missing.
        await stolen.WithServiceAsync(async s => await s.GetRequiredService<ElectionService>().TransitionAsync(closed, ElectionState.Tallied, "organiser", "count", PilotDriver.KeyPassphrase));
        Assert.NotNull(await stolen.WithDbAsync(db => db.Elections.Where(e => e.Id == closed).Select(e => e.ResultJson).SingleAsync()));
    }

    [Fact]
    public async Task Registration_does_not_open_without_a_passphrase_worth_the_name_and_a_mistyped_one_at_close_changes_nothing()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("custody-open"));
        foreach (var (passphrase, code) in new[] { ((string?)null, "key-passphrase-required"), ("short", "key-passphrase-invalid"), (new string('x', 1025), "key-passphrase-invalid") })
        {
            var refused = await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/transitions", new { to = "RegistrationOpen", keyPassphrase = passphrase });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(code, (await PilotDriver.ProblemAsync(refused)).GetProperty("code").GetString());
        }

        Assert.Equal(nameof(ElectionState.Draft), (await pilot.Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{election.Id}"))!.State);
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        await pilot.OpenVotingAsync(election.Id);
        var wrong = await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/transitions", new { to = "Closed", keyPassphrase = "not the passphrase at all" });
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(nameof(ElectionState.VotingOpen), (await pilot.Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{election.Id}"))!.State);
    }

    private static async Task<(Guid Election, Scalar Secret)> ElectionWithBallotsAsync(BallotlineApp app, PilotDriver pilot, string slug)
    {
        var (election, invitations) = await pilot.OpenRegistrationAsync(slug, 3, slug + ".example");
        await pilot.OpenVotingAsync(election.Id);
        foreach (var invitation in invitations)
        {
            await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(await pilot.RegisterAsync(invitation), election.Id, "beacon"));
        }

        var stored = await app.WithDbAsync(db => db.Elections.SingleAsync(e => e.Id == election.Id));
        var secret = await app.WithServiceAsync(s => Task.FromResult(s.GetRequiredService<ElectionCrypto>().TrusteeKey(stored, PilotDriver.KeyPassphrase).Secret));
        Assert.Equal(GroupElement.GeneratorPower(secret), s_publicKeyOf(stored));
        return (election.Id, secret);
    }

    private static readonly Func<Election, GroupElement> s_publicKeyOf = e => CryptoJson.Deserialize<TrusteeCommitment[]>(e.CommitmentsJson!)[0].Coefficients[0];

    private static async Task AssertRefusedAsync(BallotlineApp app, Guid election, string? passphrase, string code)
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => app.WithServiceAsync(s => s.GetRequiredService<ElectionService>().TransitionAsync(election, ElectionState.Tallied, "thief", "count", passphrase)));
        Assert.Equal(code, e.Code);
    }

    /// <summary>The secret in every encoding a careless store would use: raw bytes either way round, hex, Base64.</summary>
    private static void AssertNowhereIn(string directory, Scalar secret)
    {
        var raw = secret.Encode();
        var reversed = raw.Reverse().ToArray();
        var texts = new[] { secret.ToHex(), secret.ToHex().ToUpperInvariant(), Convert.ToBase64String(raw), Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_') };
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var buffer = new MemoryStream())
            {
                stream.CopyTo(buffer);
                bytes = buffer.ToArray();
            }

            Assert.True(bytes.AsSpan().IndexOf(raw) < 0 && bytes.AsSpan().IndexOf(reversed) < 0, $"{file} holds the election key's bytes");
            var text = Encoding.Latin1.GetString(bytes);
            Assert.DoesNotContain(texts, t => text.Contains(t, StringComparison.Ordinal));
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
