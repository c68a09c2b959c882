using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ballotline.Server.Elections;

namespace Ballotline.Server.Tests.Security;

/// <summary>
/// Every operation the server documents in <c>/openapi/v1.json</c> — found there, so an endpoint added later is
/// swept too — is sent hostile path values, query values and bodies (broken JSON, the wrong JSON kind, each
/// property of its schema with the wrong type, nesting past the parser's depth, the wrong media type), by a
/// stranger, a voter and the organiser: each answer is a client error with a reason, never a server error.
/// </summary>
public sealed class HostileInputSweepTests
{
    private static readonly string[] HostilePathValues =
    [
        "not-a-guid", "00000000-0000-0000-0000-000000000000", new string('a', 1500), "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "%00", "%F0%9F%92%A5%C3%A9", "'%20OR%201=1--", "-1", "99999999999999999999999", "%20",
    ];

    private static readonly string[] HostileQueryValues =
        ["", "not-a-guid", "-1", "99999999999999999999999", "2026-13-45", "%00", "true", new string('9', 400), "%F0%9F%92%A5"];

    [Theory]
    [InlineData(ElectionState.VotingOpen)]
    [InlineData(ElectionState.Tallied)] // the record, the result, the reports and the decision have content to serve then
    public async Task No_documented_operation_answers_a_server_error_to_any_hostile_input_from_anyone(ElectionState state)
    {
        // Over real Kestrel: its request-line checks (a %00 in the path, for one) are part of what a stranger meets.
        // The ticket limit raised so that hostile tickets reach the handler rather than the limiter.
        await using var app = new BallotlineApp().With("RateLimits:TicketsPerMinutePerAddress", "100000");
        app.UseKestrel(Ports.Free());
        var pilot = await PilotDriver.StartAsync(app);
        var ct = TestContext.Current.CancellationToken;
        var (election, invitations) = await pilot.OpenRegistrationAsync("sweep", 3);
        var voter = await pilot.RegisterAsync(invitations[0]);
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        var stranger = app.CreateClient();

        // Real values for the path parameters, so that hostile bodies and queries reach past "not found" into the
        // handlers: a cast ballot's code, an unused invitation, a voter, a ticket, an issue, a template, a reminder.
        var cast = await PilotDriver.CastAsync(await pilot.RegisterAsync(invitations[1]), election.Id, "aurora");
        await PilotDriver.EnsureAsync(cast);
        var code = (await cast.Content.ReadFromJsonAsync<Server.Voting.Receipt>(ct))!.TrackingCode;
        var voterId = (await pilot.Admin.GetFromJsonAsync<JsonElement>($"/api/elections/{election.Id}/voters", ct))[0].GetProperty("id").GetString()!;
        var ticket = await stranger.PostAsJsonAsync("/api/support/tickets", new { email = "a@example.org", subject = "Help", body = "Help", electionId = election.Id }, ct);
        await PilotDriver.EnsureAsync(ticket);
        var ticketId = (await ticket.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").ToString();
        var issue = await pilot.Admin.PostAsJsonAsync("/api/issues", new { electionId = election.Id, title = "An issue", severity = "Low", status = "Open" }, ct);
        await PilotDriver.EnsureAsync(issue);
        var issueId = (await issue.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").ToString();
        if (state == ElectionState.Tallied)
        {
            await pilot.MoveAsync(election.Id, ElectionState.Closed); // closes and tallies with the organiser's passphrase
            Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/api/elections/sweep/record.zip", ct)).StatusCode);
        }
        string Real(string template, string name) => (template, name) switch
        {
            (_, "slug") when template.StartsWith("/api/help", StringComparison.Ordinal) => "faq",
            (_, "slug") => "sweep",
            (_, "code") => code,
            (_, "token") when template.StartsWith("/api/registrations", StringComparison.Ordinal) => PilotDriver.TokenOf(invitations[2]),
            (_, "voterId") => voterId,
            (_, "kind") => Enum.GetNames<Server.Mail.PilotNotices.Reminder>()[0],
            (_, "key") when template.StartsWith("/api/mail-templates", StringComparison.Ordinal) => Server.Mail.MailTemplateDefaults.All.Keys.First(),
            (_, "id") when template.StartsWith("/api/support/tickets", StringComparison.Ordinal) => ticketId,
            (_, "id") when template.StartsWith("/api/issues", StringComparison.Ordinal) => issueId,
            (_, "id" or "electionId") => election.Id.ToString(),
            _ => "x",
        };

        var document = JsonDocument.Parse(await stranger.GetStringAsync("/openapi/v1.json", ct)).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var failures = new List<string>();
        var sent = 0;
        async Task SendAsync(HttpClient client, string who, string method, string url, HttpContent? content, string what)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
            using var response = await client.SendAsync(request, ct);
            sent++;
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(ct);
            if (status >= 500)
            {
                failures.Add($"{who} {method} {Shorten(url)} with {what}: {status} {Shorten(body)}");
            }
            else if (status >= 400 && body.Length > 0 && url.StartsWith("/api/", StringComparison.Ordinal)
                && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{who} {method} {Shorten(url)} with {what}: {status} as {response.Content.Headers.ContentType?.MediaType}, not a problem document");
            }
        }

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Template: path.Name, Method: op.Name.ToUpperInvariant(), Operation: op.Value)))
            .ToList();
        Assert.True(operations.Count > 60, $"only {operations.Count} operations in /openapi/v1.json");
        foreach (var (template, method, operation) in operations)
        {
            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            var pathNames = parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(x => x.GetProperty("name").GetString()!).ToList();
            var queryNames = parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()!).ToList();
            string Url(Func<string, string> value) => pathNames.Aggregate(template, (url, name) => url.Replace("{" + name + "}", value(name), StringComparison.Ordinal));
            var realUrl = Url(name => Real(template, name));
            var bodies = operation.TryGetProperty("requestBody", out var requestBody) ? HostileBodies(requestBody, schemas).ToList() : [];

            foreach (var (who, client) in new[] { ("stranger", stranger), ("voter", voter), ("organiser", pilot.Admin) })
            {
                await SendAsync(client, who, method, realUrl, bodies.Count > 0 ? Json("{}") : null, "real path values");
                foreach (var name in pathNames)
                {
                    foreach (var hostile in HostilePathValues)
                    {
                        await SendAsync(client, who, method, Url(n => n == name ? hostile : Real(template, n)), bodies.Count > 0 ? Json("{}") : null, $"{{{name}}} = {Shorten(hostile)}");
                    }
                }

                foreach (var name in queryNames)
                {
                    foreach (var hostile in HostileQueryValues)
                    {
                        await SendAsync(client, who, method, $"{realUrl}?{name}={hostile}", bodies.Count > 0 ? Json("{}") : null, $"?{name}={Shorten(hostile)}");
                    }
                }

                foreach (var (what, content) in bodies)
                {
                    await SendAsync(client, who, method, realUrl, content(), what);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests were not refused cleanly:\n{string.Join('\n', failures.OrderBy(f => f.Contains(": 5", StringComparison.Ordinal) ? 0 : 1).Take(60))}");
        Assert.True(sent > 3000, $"only {sent} requests were sent");
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>Bodies an operation must refuse: broken, of the wrong kind, too deep, each property mistyped, and the wrong media type.</summary>
    private static IEnumerable<(string What, Func<HttpContent> Content)> HostileBodies(JsonElement requestBody, JsonElement schemas)
    {
        var content = requestBody.GetProperty("content");
        if (!content.TryGetProperty("application/json", out var json))
        {
            // CSV imports and other non-JSON bodies: binary garbage, and JSON where text was expected.
            yield return ("binary garbage", () => new ByteArrayContent([0xff, 0xfe, 0x00, 0x00, 0xc3, 0x28, 0x0a, 0x22]) { Headers = { ContentType = new("text/csv") } });
            yield return ("a JSON body", () => Json("{\"a\":1}"));
            yield break;
        }

        foreach (var text in new[] { "", "{", "null", "[]", "0", "\"text\"", "{\"a\":}", "{}{}", new string('[', 300) + new string(']', 300), "{\"x\":" + new string('[', 300) + new string(']', 300) + "}" })
        {
            yield return ($"body {Shorten(text)}", () => Json(text));
        }

        yield return ("{} as text/plain", () => new StringContent("{}", Encoding.UTF8, "text/plain"));
        var schema = Resolve(json.GetProperty("schema"), schemas);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                foreach (var wrong in new[] { "12345", "-1", "1e400", "9223372036854775808", "\"\"", "\"not-a-guid\"", "{}", "[]", "[null]", "true", "\"" + new string('x', 5000) + "\"" })
                {
                    var body = $"{{\"{property.Name}\":{wrong}}}";
                    yield return ($"{{\"{property.Name}\": {Shorten(wrong)}}}", () => Json(body));
                }
            }
        }
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf)
            ? Resolve(oneOf.EnumerateArray().First(s => !s.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != "null"), schemas)
            : schema;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
