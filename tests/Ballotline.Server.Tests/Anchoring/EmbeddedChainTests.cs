using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ballotline.Server.Anchoring;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Anchoring;

/// <summary>The default: ballots anchored on the embedded chain with no setup at all, surviving a restart.</summary>
public sealed class EmbeddedChainTests
{
    private static async Task<JsonElement> RpcAsync(HttpClient client, string method, params object[] parameters)
    {
        var response = await client.PostAsync("/chain/rpc", new StringContent(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method, @params = parameters }), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task With_no_chain_settings_ballots_are_anchored_on_the_embedded_chain_and_verify_after_a_restart()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ballotline-tests", Guid.NewGuid().ToString("N"));
        var first = new BallotlineApp(dataDirectory: dataDirectory) { KeepDatabase = true };
        List<Server.Voting.Receipt> receipts;
        await using (first)
        {
            (_, _, receipts) = await AnchoringTests.CastAsync(first, "embedded", 3);
            await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(first, receipts[^1].TrackingCode)).Stage == "final", "the ballots are final on the embedded chain");
            var verification = await AnchoringTests.VerifyAsync(first, receipts[0].TrackingCode);
            Assert.True(verification.Verified, verification.Reason);
            Assert.Contains("not a public blockchain", verification.ChainName, StringComparison.Ordinal);
        }

        await using var second = new BallotlineApp(dataDirectory: dataDirectory);
        second.StartServer();
        foreach (var receipt in receipts)
        {
            Assert.True((await AnchoringTests.VerifyAsync(second, receipt.TrackingCode)).Verified);
        }

        var client = second.CreateClient();
        Assert.Equal("0x539", (await RpcAsync(client, "eth_chainId")).GetProperty("result").GetString());
        var blocks = (await RpcAsync(client, "eth_blockNumber")).GetProperty("result").GetString();
        Assert.NotEqual("0x0", blocks);
        var anchors = await client.GetFromJsonAsync<List<LedgerApi.AnchorView>>("/api/elections/embedded/anchors");
        var lastAnchor = anchors!.Last(a => a.Kind == "Anchor");
        var receiptJson = (await RpcAsync(client, "eth_getTransactionReceipt", lastAnchor.TransactionHash)).GetProperty("result");
        Assert.Equal("0x1", receiptJson.GetProperty("status").GetString());
        Assert.Single(receiptJson.GetProperty("logs").EnumerateArray());

        var write = await RpcAsync(client, "eth_sendRawTransaction", "0x02");
        Assert.Contains("read-only", write.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var health = await client.GetFromJsonAsync<JsonElement>("/healthz");
        Assert.Equal("healthy", health.GetProperty("components").GetProperty("chain").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_embedded_chain_applies_its_own_chain_id_and_confirmations_without_changing_the_configured_settings()
    {
        await using var app = new BallotlineApp().With("Chain:Confirmations", "5").With("Chain:ChainId", "4242");
        app.StartServer();

        var (configured, connected) = await app.WithServiceAsync(s => Task.FromResult((
            s.GetRequiredService<Microsoft.Extensions.Options.IOptions<LedgerOptions>>().Value, s.GetRequiredService<ChainConnection>().Options)));

        Assert.Equal((5, 4242L), (configured.Confirmations, configured.ChainId));
        Assert.Equal((1, Ballotline.Ledger.Embedded.EmbeddedChain.DefaultChainId), (connected.Confirmations, connected.ChainId));
        Assert.NotSame(configured, connected);
    }

    [Fact]
    public async Task A_block_file_damaged_inside_a_complete_record_stops_the_start_with_its_line_and_no_ballot_is_taken()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ballotline-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dataDirectory, "chain"));
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "chain", "blocks.jsonl"), "{\"raw\": \"0x02\", \"timestamp\": 1}\n{not json}\n");
        await using var app = new BallotlineApp(dataDirectory: dataDirectory);

        var error = Assert.ThrowsAny<Exception>(app.StartServer);

        Assert.Contains("line", error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("blocks.jsonl", error.ToString(), StringComparison.Ordinal);
    }
}
