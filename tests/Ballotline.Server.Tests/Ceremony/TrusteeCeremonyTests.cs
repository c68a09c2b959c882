using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Trustees;
using Ballotline.Server.Ceremony;
using Ballotline.Server.Elections;
using Ballotline.Server.Results;
using Ballotline.TrusteeTool;
using Ballotline.Verifier;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Ceremony;

/// <summary>
/// A 3-of-5 trustee election: the key ceremony run by five trustees' command lines against a real port, voting,
/// a wrong decryption share refused and named, and the tally completed by three trustees with two absent.
/// </summary>
public sealed class TrusteeCeremonyTests
{
    private static readonly string[] Names = ["Ada", "Ben", "Cleo", "Dev", "Eli"];

    private static async Task<(BallotlineApp App, PilotDriver Pilot, ElectionSummary Election, Uri Server, IReadOnlyList<AppointedTrustee> Trustees)> AppointAsync(string slug)
    {
        var app = new BallotlineApp();
        var e = await TrusteeElection.AppointAsync(app, slug, 3, Names);
        return (app, e.Pilot, e.Election, e.Server, e.Trustees);
    }

    private static FileInfo KeyFile(BallotlineApp app, int index) => new(Path.Combine(app.DataDirectory, "trustees", $"trustee-{index}.key"));

    [Fact]
    public async Task Five_trustees_make_the_key_three_decrypt_two_are_absent_and_a_wrong_share_is_refused_by_name()
    {
        var (app, pilot, election, server, trustees) = await AppointAsync("trustees-3of5");
        await using var _ = app;
        using var wire = new RecordingHandler();
        var client = new TrusteeClient(TextWriter.Null, wire);

        // Registration cannot open before the ceremony is complete.
        var early = await pilot.TransitionAsync(election.Id, ElectionState.RegistrationOpen);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("waiting for trustee(s) 1 (Ada), 2 (Ben)", (await PilotDriver.ProblemAsync(early)).GetProperty("title").GetString(), StringComparison.Ordinal);

        // Trustee 1 runs the real tool as a process; the others the same code in-process.
        var keygen = await CliProcess.RunToolAsync("ballotline-trustee", new Dictionary<string, string?>(), "keygen", "--url", server.ToString(), "--token", trustees[0].Token, "--key", KeyFile(app, 1).FullName);
        Assert.True(keygen.Exit == 0, keygen.Out + keygen.Err);
        Assert.Contains("Your fingerprint", keygen.Out, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile(app, 1).FullName));
        }

        Assert.DoesNotContain(TrusteeKeyFile.Read(KeyFile(app, 1)).TransportSecret, keygen.Out + keygen.Err, StringComparison.Ordinal);
        foreach (var t in trustees.Skip(1))
        {
            await client.KeygenAsync(server, t.Token, KeyFile(app, t.Index), CancellationToken.None);
        }

        foreach (var t in trustees)
        {
            await client.ShareAsync(KeyFile(app, t.Index), CancellationToken.None);
        }

        foreach (var t in trustees)
        {
            await client.CombineAsync(KeyFile(app, t.Index), CancellationToken.None);
        }

        var progress = (await pilot.Admin.GetFromJsonAsync<List<TrusteeProgress>>($"/api/elections/{election.Id}/trustees"))!;
        Assert.All(progress, p => Assert.True(p.Committed && p.Shared && p.Confirmed));

        // The election key is the ceremony's: the server holds no key.
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Elections.FindAsync(election.Id);
            Assert.Null(stored!.SealedTrusteeKey);
            Assert.Equal((5, 3), (stored.TrusteeCount, stored.Quorum));
            return 0;
        });

        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(4)));
        var invitations = await pilot.InviteAsync(election.Id);
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        string[] choices = ["beacon", "aurora", "beacon", "compass"];
        for (var i = 0; i < choices.Length; i++)
        {
            await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(await pilot.RegisterAsync(invitations[i]), election.Id, choices[i]));
        }

        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        var notYet = await app.CreateClient().GetAsync("/api/elections/trustees-3of5/result");
        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);

        // Ada checks the closed log against the close on the (embedded) chain, through its read-only RPC, with the
        // announcement she kept; the others decrypt after her.
        await Eventually.HoldsAsync(async () => await app.WithDbAsync(db => db.Anchors.AnyAsync(a => a.Kind == Server.Anchoring.AnchorKind.Anchor && a.TreeSize == 4 && a.Status == Server.Anchoring.AnchorStatus.Final)),
            "the whole log is anchored on the chain");
        var chain = new ChainCheck(await ElectionAnnouncement.ReadAsync($"{server}api/elections/trustees-3of5/announcement", CancellationToken.None), $"{server}chain/rpc");
        var said = new StringWriter();
        await new TrusteeClient(said, wire).DecryptAsync(KeyFile(app, 1), chain, CancellationToken.None);
        Assert.Contains("The log (4 ballots, root ", said.ToString(), StringComparison.Ordinal);
        Assert.Equal(4, TrusteeKeyFile.Read(KeyFile(app, 1)).Decrypted!.Ballots);

        // Ben sends Ada's decryption under his own name: its proofs fail against his key, and he is named.
        var ada = await app.WithDbAsync(async db => (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Trustees, t => t.ElectionId == election.Id && t.Index == 1)).DecryptionJson!);
        var forged = CryptoJson.Deserialize<PartialDecryption>(ada) with { TrusteeIndex = 2 };
        var refused = await app.CreateClient().PutAsJsonAsync($"/api/trustee/{trustees[1].Token}/decryption",
            new { decryption = JsonDocument.Parse(CryptoJson.Serialize(forged)).RootElement });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await PilotDriver.ProblemAsync(refused);
        Assert.Equal("decryption-rejected", problem.GetProperty("code").GetString());
        Assert.Contains("Trustee 2's decryption share is refused (decryption.trustee[2]", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

        // Cleo and Eli decrypt; Ben and Dev stay away. The third valid share tallies the election.
        await client.DecryptAsync(KeyFile(app, 3), chain, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Conflict, (await app.CreateClient().GetAsync("/api/elections/trustees-3of5/result")).StatusCode);
        await client.DecryptAsync(KeyFile(app, 5), null, CancellationToken.None);

        var result = (await app.CreateClient().GetFromJsonAsync<ElectionResult>("/api/elections/trustees-3of5/result"))!;
        Assert.Equal(4, result.Ballots);
        Assert.Equal([1L, 2, 1], result.Contests[0].Candidates.Select(c => c.Votes));

        // The published record verifies independently with its 3-of-5 context and the three trustees' proofs, once
        // the close is final on the (embedded) chain.
        await Eventually.HoldsAsync(async () => await app.WithDbAsync(db => db.Anchors.AnyAsync(a => a.Kind == Server.Anchoring.AnchorKind.Close && a.Status == Server.Anchoring.AnchorStatus.Final)),
            "the close is final on the chain");
        // Read over the wire, as a stranger's verifier would: the record and the announcement from their URLs.
        var announcement = await ElectionAnnouncement.ReadAsync($"{server}api/elections/trustees-3of5/announcement", CancellationToken.None, wire);
        using var source = await RecordSource.OpenAsync($"{server}api/elections/trustees-3of5/record.zip", CancellationToken.None, wire);
        var checks = await new ElectionRecordVerifier(source, null, announcement: announcement).VerifyAsync(CancellationToken.None);
        Assert.True(checks.All(c => c.Passed), string.Join("\n", checks));
        Assert.Contains("3 trustee decryption shares", checks.Single(c => c.Name == "tally.decryptions").Detail, StringComparison.Ordinal);

        // The trustee tool and the verifier have no reference to the server: what they send and read must be the
        // server's documented API. Every request they made is checked against /openapi/v1.json.
        var openApi = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var exchanges = wire.Exchanges.ToList();
        string[] expected = ["GET /api/trustee/{token}", "PUT /api/trustee/{token}/commitment", "PUT /api/trustee/{token}/shares", "PUT /api/trustee/{token}/confirmation",
            "GET /api/trustee/{token}/tally", "GET /api/trustee/{token}/ballots", "PUT /api/trustee/{token}/decryption", "GET /api/elections/{slug}/announcement", "GET /api/elections/{slug}/record.zip"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), exchanges.Select(e => $"{e.Method} {Template(e.Path)}").Distinct().Order(StringComparer.Ordinal));
        var problems = new OpenApiConformance(openApi).Check(exchanges, new Dictionary<string, Type>
        {
            ["/api/trustee/{token}"] = typeof(Ballotline.TrusteeTool.TrusteeView),
            ["/api/trustee/{token}/commitment"] = typeof(Ballotline.TrusteeTool.TrusteeView),
            ["/api/trustee/{token}/shares"] = typeof(Ballotline.TrusteeTool.TrusteeView),
            ["/api/trustee/{token}/confirmation"] = typeof(Ballotline.TrusteeTool.TrusteeView),
            ["/api/trustee/{token}/decryption"] = typeof(Ballotline.TrusteeTool.TrusteeView),
        });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>A recorded path with its secret or slug put back as the template's parameter.</summary>
    private static string Template(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path, "^/api/(trustee/[^/]+|elections/[^/]+)", m => m.Value.StartsWith("/api/trustee", StringComparison.Ordinal) ? "/api/trustee/{token}" : "/api/elections/{slug}");

    [Fact]
    public async Task A_dealer_who_sends_a_bad_share_is_named_by_the_trustee_who_receives_it()
    {
        var (app, _, _, server, trustees) = await AppointAsync("trustees-bad-dealer");
        await using var _ = app;
        var client = new TrusteeClient(TextWriter.Null);
        foreach (var t in trustees)
        {
            await client.KeygenAsync(server, t.Token, KeyFile(app, t.Index), CancellationToken.None);
        }

        // Ben (2) deals Cleo (3) a share off by one; his other shares are honest.
        var ben = TrusteeKeyFile.Read(KeyFile(app, 2));
        var view = await client.StatusAsync(KeyFile(app, 2), CancellationToken.None);
        var polynomial = new TrusteePolynomial(2, [.. ben.Coefficients.Select(Scalar.FromHex)]);
        var envelopes = view.Others.Where(o => o.Index != 2).Select(o => ShareEnvelope.Seal(
            o.Index == 3 ? polynomial.ShareFor(3) + Scalar.One : polynomial.ShareFor(o.Index), 2, o.Index, GroupElement.FromHex(o.TransportKey!), Convert.FromHexString(ben.BaseHash))).ToList();
        await PilotDriver.EnsureAsync(await app.CreateClient().PutAsJsonAsync($"/api/trustee/{trustees[1].Token}/shares",
            new { envelopes = JsonDocument.Parse(CryptoJson.Serialize(envelopes)).RootElement }));
        foreach (var t in trustees.Where(t => t.Index != 2))
        {
            await client.ShareAsync(KeyFile(app, t.Index), CancellationToken.None);
        }

        await client.CombineAsync(KeyFile(app, 1), CancellationToken.None);
        var error = await Assert.ThrowsAsync<TrusteeException>(() => client.CombineAsync(KeyFile(app, 3), CancellationToken.None));
        Assert.Equal("ceremony.share-inconsistent", error.Check);
        Assert.Equal([2], error.Trustees);

        // The command line says the same, by name, and exits non-zero.
        var run = await CliProcess.RunToolAsync("ballotline-trustee", new Dictionary<string, string?>(), "combine", "--key", KeyFile(app, 3).FullName);
        Assert.Equal(1, run.Exit);
        Assert.Contains("ceremony.share-inconsistent, trustee(s) 2", run.Err, StringComparison.Ordinal);
    }
}
