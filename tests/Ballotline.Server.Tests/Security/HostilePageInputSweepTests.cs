using System.Net;
using System.Reflection;
using Ballotline.Server.Elections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Security;

/// <summary>
/// The pages' side of <see cref="HostileInputSweepTests"/>: every Razor page the server maps — found among its
/// endpoints, so a page added later is swept too — is opened with hostile route values and hostile values for every
/// query value its model binds, and each of its forms is posted (with a valid antiforgery token) with every field it
/// binds set to hostile text, by a stranger, a signed-in voter and the signed-in organiser. A page may refuse, redirect
/// or show its own error; it never answers with a server error.
/// </summary>
public sealed class HostilePageInputSweepTests
{
    private static readonly string[] HostileRouteValues =
        ["not-a-guid", "00000000-0000-0000-0000-000000000000", new string('a', 1500), "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%F0%9F%92%A5%C3%A9", "'%20OR%201=1--", "-1", "99999999999999999999999"];

    private static readonly string[] HostileValues =
        ["", "not-a-guid", "-1", "99999999999999999999999", "2026-13-45", "%00", "%F0%9F%92%A5", "<script>alert(1)</script>", "https%3A%2F%2Fevil.example%2F", "//evil.example", new string('9', 2000)];

    [Theory]
    [InlineData(ElectionState.VotingOpen)]
    [InlineData(ElectionState.Tallied)] // the results, the decision and the reports have content to show then
    public async Task No_page_answers_a_server_error_to_hostile_route_query_or_form_values_from_anyone(ElectionState state)
    {
        await using var app = new BallotlineApp().With("RateLimits:TicketsPerMinutePerAddress", "100000");
        app.UseKestrel(Ports.Free());
        var pilot = await PilotDriver.StartAsync(app);
        var ct = TestContext.Current.CancellationToken;
        var (election, invitations) = await pilot.OpenRegistrationAsync("page-sweep", 3);
        await pilot.RegisterAsync(invitations[0]);
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        if (state == ElectionState.Tallied)
        {
            await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(await pilot.RegisterAsync(invitations[1]), election.Id, "beacon"));
            await pilot.MoveAsync(election.Id, ElectionState.Closed); // closes and tallies with the organiser's passphrase
        }

        var stranger = app.CreateClient();
        var voter = app.CreateClient();
        await PilotDriver.SubmitFormAsync(voter, "/account/sign-in", "/account/sign-in", new() { ["Email"] = invitations[0].Email, ["Password"] = PilotDriver.Password });
        var organiser = app.CreateClient();
        await PilotDriver.SubmitFormAsync(organiser, "/account/sign-in", "/account/sign-in", new() { ["Email"] = "admin@example.org", ["Password"] = PilotDriver.Password });
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync("/admin", ct)).StatusCode);

        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(p => p.Page is not null)
            .OrderBy(p => p.Page!.ViewEnginePath == "/Account/SignOut") // last: it ends the sessions the rest need
            .ToList();
        Assert.True(pages.Count > 25, $"only {pages.Count} pages found among the endpoints");

        var failures = new List<string>();
        var sent = 0;
        var formsWithToken = new HashSet<string>(StringComparer.Ordinal);
        async Task<HttpResponseMessage> SendAsync(HttpClient client, string who, HttpMethod method, string url, HttpContent? content, string what)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            var response = await client.SendAsync(request, ct);
            sent++;
            if ((int)response.StatusCode >= 500)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                failures.Add($"{who} {method} {Shorten(url)} with {what}: {(int)response.StatusCode} {Shorten(body)}");
            }

            return response;
        }

        foreach (var (endpoint, page) in pages)
        {
            var model = ModelOf(page!);
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            string Url(Func<string, string> value) => "/" + endpoint.RoutePattern.Parameters.Aggregate(
                endpoint.RoutePattern.RawText!.TrimStart('/'),
                (url, parameter) => System.Text.RegularExpressions.Regex.Replace(url, "\\{" + parameter.Name + "[^}]*\\}", value(parameter.Name)));
            string Real(string name) => name switch
            {
                "id" or "electionId" => election.Id.ToString(),
                "slug" => page!.ViewEnginePath.StartsWith("/Help", StringComparison.Ordinal) ? "faq" : "page-sweep",
                "code" when page!.ViewEnginePath == "/Status" => "404",
                _ => "x",
            };
            var realUrl = Url(Real);
            var queryNames = QueryNames(model).Where(n => !routeNames.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
            var formFields = FormFields(model).ToList();
            var postHandlers = model.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(m => m.Name.Replace("OnPost", string.Empty, StringComparison.Ordinal).Replace("Async", string.Empty, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal).ToList();

            foreach (var (who, client) in new[] { ("stranger", stranger), ("voter", voter), ("organiser", organiser) })
            {
                await SendAsync(client, who, HttpMethod.Get, realUrl, null, "real route values");
                foreach (var name in routeNames)
                {
                    foreach (var hostile in HostileRouteValues)
                    {
                        await SendAsync(client, who, HttpMethod.Get, Url(n => n == name ? hostile : Real(n)), null, $"{{{name}}} = {Shorten(hostile)}");
                    }
                }

                foreach (var name in queryNames)
                {
                    foreach (var hostile in HostileValues)
                    {
                        await SendAsync(client, who, HttpMethod.Get, $"{realUrl}?{name}={hostile}", null, $"?{name}={Shorten(hostile)}");
                    }
                }

                // Forms: without a token (refused), and with the page's own token and every field hostile.
                foreach (var handler in postHandlers)
                {
                    var action = handler.Length == 0 ? realUrl : $"{realUrl}?handler={handler}";
                    await SendAsync(client, who, HttpMethod.Post, action, new FormUrlEncodedContent([]), $"handler '{handler}' without a token");
                    var get = await client.GetAsync(realUrl, ct);
                    var token = System.Text.RegularExpressions.Regex.Match(await get.Content.ReadAsStringAsync(ct), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
                    if (token.Length == 0)
                    {
                        continue; // this visitor is not shown the form
                    }

                    formsWithToken.Add($"{page!.ViewEnginePath} {handler}");
                    foreach (var hostile in HostileValues)
                    {
                        var fields = formFields.ToDictionary(f => f, _ => Uri.UnescapeDataString(hostile), StringComparer.Ordinal);
                        fields["__RequestVerificationToken"] = token;
                        await SendAsync(client, who, HttpMethod.Post, action, new FormUrlEncodedContent(fields), $"handler '{handler}', every field = {Shorten(hostile)}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile page requests failed with a server error:\n{string.Join('\n', failures.Take(60))}");
        Assert.True(sent > 1500, $"only {sent} requests were sent");
        Assert.True(formsWithToken.Count >= 30, $"only {formsWithToken.Count} forms were posted with a token: {string.Join(", ", formsWithToken)}");
    }

    // The model the compiled page declares (@model); a page without one binds nothing.
    private static Type ModelOf(PageActionDescriptor page)
    {
        var compiled = typeof(Program).Assembly.GetCustomAttributes<Microsoft.AspNetCore.Razor.Hosting.RazorCompiledItemAttribute>()
            .Single(a => a.Identifier == page.RelativePath).Type;
        return compiled.GetProperty("Model")?.PropertyType ?? typeof(object);
    }

    private static IEnumerable<string> QueryNames(Type model) =>
        model.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: true }).Select(p => p.Name)
            .Concat(model.GetMethods().Where(m => m.Name.StartsWith("OnGet", StringComparison.Ordinal))
                .SelectMany(m => m.GetParameters()).Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => p.Name!))
            .Distinct(StringComparer.OrdinalIgnoreCase);

    // Every bound property, and one level into a bound object (Form.Title), as a browser would name the fields.
    private static IEnumerable<string> FormFields(Type model)
    {
        foreach (var property in model.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                foreach (var inner in type.GetProperties().Where(p => p.CanWrite))
                {
                    yield return $"{property.Name}.{inner.Name}";
                }
            }
            else
            {
                yield return property.Name;
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
