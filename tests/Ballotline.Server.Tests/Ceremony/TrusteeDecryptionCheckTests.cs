using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Tally;
using Ballotline.TrusteeTool;
using Ballotline.Verifier;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Ceremony;

/// <summary>
/// The trustees' promise tried as a dishonest server would: with k-of-n trustees no one alone can decrypt a
/// ballot — unless the server can get the trustees to decrypt one voter's ballot in place of the tally. The
/// trustee's tool is given, over the wire, (1) one voter's ballot as "the totals", (2) a ballot log cut down to that
/// ballot with totals to match, (3) after a genuine decryption, a second, different log. Each is refused before any
/// share is used, and nothing reaches the server.
/// </summary>
public sealed class TrusteeDecryptionCheckTests
{
    private const int Voters = 3;

    [Fact]
    public async Task A_trustee_decrypts_only_the_sum_of_the_whole_anchored_log_never_one_voters_ballot()
    {
        await using var app = new BallotlineApp();
        var e = await TrusteeElection.AppointAsync(app, "dishonest-server", 2, "Ada", "Ben", "Cleo");
        var (election, server, trustees) = (e.Election, e.Server, e.Trustees);
        FileInfo Key(int index) => e.KeyFile(index);
        var honest = new TrusteeClient(TextWriter.Null);
        await e.RunCeremonyAsync(honest);
        await e.CastAndCloseAsync("aurora", "beacon", "beacon");
        await Eventually.HoldsAsync(async () => await app.WithDbAsync(db => db.Anchors.AnyAsync(a => a.Kind == Server.Anchoring.AnchorKind.Anchor && a.TreeSize == Voters && a.Status == Server.Anchoring.AnchorStatus.Final)),
            "the whole log is anchored on the chain");
        var chain = new ChainCheck(await ElectionAnnouncement.ReadAsync($"{server}api/elections/dishonest-server/announcement", CancellationToken.None), $"{server}chain/rpc");

        // What a dishonest server would send: the first voter's ballot alone, as a log and as "totals".
        var view = await honest.StatusAsync(Key(1), CancellationToken.None);
        var log = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/api/trustee/{trustees[0].Token}/ballots")).RootElement;
        Assert.Equal(Voters, log.GetArrayLength());
        var victim = log[0];
        var alone = new EncryptedTally(CryptoJson.Deserialize<ElectionManifest>(view.ManifestJson));
        alone.Add(CryptoJson.Deserialize<EncryptedBallot>(victim.GetProperty("ballot").GetRawText()));
        var victimTotals = CryptoJson.Serialize(alone.Ciphertexts());
        var victimLog = $"[{victim.GetRawText()}]";
        string? CutDown(string path) => path.EndsWith("/tally", StringComparison.Ordinal) ? victimTotals : path.EndsWith("/ballots", StringComparison.Ordinal) ? victimLog : null;

        // (1) One voter's ballot as the totals: not the sum of the log.
        using (var wire = new ResponseRewriter((path, _) => path.EndsWith("/tally", StringComparison.Ordinal) ? victimTotals : null))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new TrusteeClient(TextWriter.Null, wire).DecryptAsync(Key(1), chain, CancellationToken.None));
            Assert.Contains($"the totals it asks you to decrypt are not the sum of the {Voters} ballots of its closed log", refused.Message, StringComparison.Ordinal);
        }

        // (2) A log cut down to that ballot, with totals to match: consistent, but not the log the chain has anchored.
        using (var wire = new ResponseRewriter((path, _) => CutDown(path)))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new TrusteeClient(TextWriter.Null, wire).DecryptAsync(Key(1), chain, CancellationToken.None));
            Assert.Contains($"its log has 1 ballots with root", refused.Message, StringComparison.Ordinal);
            Assert.Contains($"the chain has anchored {Voters} with root", refused.Message, StringComparison.Ordinal);
        }

        Assert.Null(TrusteeKeyFile.Read(Key(1)).Decrypted);
        Assert.Equal(0, await app.WithDbAsync(db => db.Trustees.CountAsync(t => t.ElectionId == election.Id && t.DecryptionJson != null)));

        // (3) Ada decrypts the genuine log; the server then claims she has not, with the cut-down log. Even without the
        // chain, her key file remembers the one log it decrypted the sum of and refuses another.
        await honest.DecryptAsync(Key(1), chain, CancellationToken.None);
        Assert.Equal(Voters, TrusteeKeyFile.Read(Key(1)).Decrypted!.Ballots);
        // GET /api/trustee/{token}: the view, with the stage the server wants the tool to act on.
        using (var wire = new ResponseRewriter((path, body) => ResponseRewriter.IsTrusteeView(path) ? WithStage(body, "decrypt") : CutDown(path)))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new TrusteeClient(TextWriter.Null, wire).DecryptAsync(Key(1), null, CancellationToken.None));
            Assert.Contains($"this key already decrypted the sum of another log ({Voters} ballots", refused.Message, StringComparison.Ordinal);
        }

        // The honest path still tallies: Ben decrypts the same log, and the result is the voters'.
        await honest.DecryptAsync(Key(2), chain, CancellationToken.None);
        var result = (await app.CreateClient().GetFromJsonAsync<Server.Results.ElectionResult>("/api/elections/dishonest-server/result"))!;
        Assert.Equal([1L, 2, 0], result.Contests[0].Candidates.Select(c => c.Votes));
    }

    private static string WithStage(string view, string stage)
    {
        var node = JsonNode.Parse(view)!;
        node["stage"] = stage;
        return node.ToJsonString();
    }
}
