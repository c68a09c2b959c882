using System.Net;
using System.Text;

namespace Ballotline.Server.Tests.Security;

/// <summary>Every API input from the network is validated: malformed bodies get a 4xx ProblemDetails, never a 500.</summary>
public sealed class MalformedInputTests
{
    public static TheoryData<string, string, string> Requests() => new()
    {
        { "POST", "/api/elections", "{" },
        { "POST", "/api/elections", "{}" },
        { "POST", "/api/elections", "{\"slug\":\"x\",\"contests\":[{\"id\":null,\"candidates\":null}]}" },
        { "POST", "/api/elections", "[]" },
        { "POST", "/api/elections/{election}/transitions", "{\"to\":null}" },
        { "POST", "/api/elections/{election}/transitions", "{\"to\":42}" },
        { "POST", "/api/elections/{election}/voters", "{\"name\":null,\"email\":null,\"group\":null,\"ageBand\":null}" },
        { "POST", "/api/elections/{election}/voters/import", "\"unterminated,quote\nname,email\n" },
        { "POST", "/api/registrations/abc", "{\"password\":null}" },
        { "POST", "/api/auth/token", "{\"email\":null,\"password\":null}" },
        { "POST", "/api/auth/token", "not json" },
        { "GET", "/api/ballots/not-a-code", "" },
        { "GET", "/api/ballots/" + "zzzz-zzzz-zzzz-zzzz", "" },
        { "GET", "/api/elections/{slug}/log/consistency?from=5&to=2", "" },
        { "GET", "/api/elections/not-a-guid", "" },
        { "POST", "/api/elections", "{\"slug\":\"nulls\",\"title\":\"T\",\"contests\":[null]}" },
        { "POST", "/api/elections", "{\"slug\":\"nulls\",\"title\":\"T\",\"contests\":[{\"id\":\"c\",\"title\":\"C\",\"candidates\":[null],\"minSelections\":1,\"maxSelections\":1}]}" },
        { "POST", "/api/elections", "{\"slug\":\"modes\",\"recordingMode\":99}" },
        { "POST", "/api/elections", "{\"slug\":\"modes\",\"recordingMode\":\"Sideways\"}" },
        { "PUT", "/api/elections/{election}/backup-totals", "{\"project-name/aurora\":9223372036854775807,\"project-name/beacon\":9223372036854775807}" },
        { "PUT", "/api/elections/{election}/backup-totals", "{\"project-name/aurora\":99999999999999999999999}" },
    };

    [Fact]
    public async Task An_unknown_recording_mode_is_refused_naming_the_allowed_ones()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var input = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(PilotDriver.Input("mode-99"), System.Text.Json.JsonSerializerOptions.Web))!;
        input["recordingMode"] = 99;
        var response = await pilot.Admin.PostAsync("/api/elections", new StringContent(input.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await PilotDriver.ProblemAsync(response);
        Assert.Equal("invalid-request", problem.GetProperty("code").GetString());
        Assert.Contains("99 is not a RecordingMode: use one of Batched, PerBallot", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chain_rpc_answers_json_rpc_errors_for_any_malformed_request_and_never_a_server_error()
    {
        await using var app = new BallotlineApp();
        app.StartServer();
        var client = app.CreateClient();
        (string Body, int Code)[] cases =
        [
            ("{", -32700), ("1", -32600), ("\"x\"", -32600), ("[1,2,3]", -32600), ("[]", -32600), ("null", -32600),
            ("{\"method\":5}", -32600), ("{\"jsonrpc\":\"2.0\",\"id\":1}", -32600), ("{\"id\":{},\"method\":\"eth_chainId\",\"params\":5}", -32602),
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[{},false]}", -32602),
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"0xzz\",false]}", -32602),
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getLogs\",\"params\":[5]}", -32602),
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getTransactionReceipt\",\"params\":[42]}", -32602),
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":[{\"data\":\"0x\"}]}", -32602),
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBalance\",\"params\":[]}", -32602),
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendRawTransaction\",\"params\":[\"0x00\"]}", -32601),
            ("[" + string.Join(",", Enumerable.Repeat("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}", 101)) + "]", -32600),
        ];
        foreach (var (body, code) in cases)
        {
            var response = await client.PostAsync("/chain/rpc", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{body[..Math.Min(body.Length, 80)]} answered {(int)response.StatusCode}: {text}");
            using var json = System.Text.Json.JsonDocument.Parse(text);
            var answer = json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? json.RootElement[0] : json.RootElement;
            Assert.True(answer.TryGetProperty("error", out var error), $"{body[..Math.Min(body.Length, 80)]}: {text}");
            Assert.Equal(code, error.GetProperty("code").GetInt32());
        }

        // Out-of-range block numbers are past the head, not an overflow: no block, and no logs.
        foreach (var body in new[]
        {
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x100000000000000000000\",false]}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getLogs\",\"params\":[{\"fromBlock\":\"0x0\",\"toBlock\":\"0xffffffffffffffffffffffffffffffff\"}]}",
        })
        {
            var response = await client.PostAsync("/chain/rpc", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(json.RootElement.TryGetProperty("result", out _), body);
        }
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_malformed_request_gets_a_client_error_with_problem_details(string method, string path, string body)
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("malformed"));
        var url = path.Replace("{election}", election.Id.ToString(), StringComparison.Ordinal).Replace("{slug}", "malformed", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent(body, Encoding.UTF8, url.EndsWith("/import", StringComparison.Ordinal) ? "text/csv" : "application/json");
        }

        var response = await pilot.Admin.SendAsync(request);
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{method} {url} answered {status}: {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode != HttpStatusCode.NotFound || response.Content.Headers.ContentLength > 0)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
