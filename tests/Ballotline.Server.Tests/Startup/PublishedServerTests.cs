using System.Net;
using System.Text.RegularExpressions;

namespace Ballotline.Server.Tests.Startup;

/// <summary>
/// The server as docs/deployment.md installs it: published, started by <c>dotnet /opt/…/Ballotline.Server.dll</c> in
/// its data directory. It must read the settings and serve the files published beside it, not look for them in
/// the directory it runs in.
/// </summary>
public sealed partial class PublishedServerTests
{
    [GeneratedRegex("""<(?:script|link)[^>]+(?:src|href)="(/[^"]+\.(?:js|css))""")]
    private static partial Regex LocalAsset();

    [Fact]
    public async Task A_published_server_started_in_its_data_directory_serves_its_scripts_and_reads_its_own_settings()
    {
        var data = Directory.CreateTempSubdirectory("ballotline-published-").FullName;
        try
        {
            await using var server = await ServerProcess.StartAsync(data, Ports.Free());
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            var ct = TestContext.Current.CancellationToken;

            // The device-side encryption and the pages' own scripts and styles, and every one the home page links.
            var home = await client.GetStringAsync("/", ct);
            string[] assets = ["/js/ballot-crypto.js", "/js/vote.js", "/js/record-verifier-worker.js", "/css/site.css", .. LocalAsset().Matches(home).Select(m => m.Groups[1].Value)];
            foreach (var asset in assets.Distinct(StringComparer.Ordinal))
            {
                var response = await client.GetAsync(asset, ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode} from a published server run in its data directory");
                Assert.True((await response.Content.ReadAsByteArrayAsync(ct)).Length > 100, $"{asset} is empty");
            }

            // appsettings.json's logging levels hold: EF Core's commands are not logged (they would be, at Information,
            // without the file), and nothing was written where the server runs but its data.
            Assert.DoesNotContain("Executed DbCommand", server.Output, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(data, "wwwroot")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
