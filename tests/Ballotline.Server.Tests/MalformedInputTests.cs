using System.Net;
using System.Text;

namespace Ballotline.Server.Tests;

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
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_malformed_request_gets_a_client_error_with_problem_details(string method, string path, string body)
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("malformed"));
        var url = path.Replace("{election}", election.Id.ToString(), StringComparison.Ordinal).Replace("{slug}", "malformed", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
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
