using System.Net;
using System.Net.Http.Headers;

namespace Ballotline.Server.Tests.Pages;

/// <summary>A mistyped address in a person's browser gets a page with a way back; programs keep their problem details.</summary>
public sealed class StatusPageTests
{
    [Fact]
    public async Task A_browser_asking_for_a_missing_page_gets_a_readable_404_page_while_programs_and_the_api_keep_json()
    {
        await using var app = new BallotlineApp();
        var browser = app.CreateClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var page = await browser.GetAsync("/elections-typo/results");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Page not found", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Page not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);

        var api = await browser.GetAsync("/api/no-such-endpoint");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.NotEqual("text/html", api.Content.Headers.ContentType?.MediaType);

        var program = app.CreateClient();
        program.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var json = await program.GetAsync("/elections-typo/results");
        Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        Assert.NotEqual("text/html", json.Content.Headers.ContentType?.MediaType);
    }
}
