using Ballotline.Server.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Security;

/// <summary>
/// The one-time setup link is a credential: it must not land in a journal or a log, only in a file the server's
/// user alone can read, gone once used.
/// </summary>
public sealed class SetupLinkTests
{
    [Fact]
    public async Task Under_a_service_manager_the_setup_link_goes_to_an_owner_only_file_and_never_to_the_output()
    {
        var data = Path.Combine(Path.GetTempPath(), "ballotline-tests", "setup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, "setup-link.txt");
        await using (var server = await ServerProcess.StartAsync(data, Ports.Free(), new Dictionary<string, string> { ["Setup:PrintLinkOnStart"] = "true" }))
        {
            await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(file) && server.Output.Contains("setup-link.txt", StringComparison.Ordinal)), "the setup link is written and its place printed");
            var link = (await File.ReadAllTextAsync(file)).Trim();
            Assert.Contains("/setup?token=", link, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            // Standard output is a pipe here, as under systemd: the path is printed, the token is not; nor is it logged.
            var token = link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..];
            Assert.DoesNotContain(token, server.Output, StringComparison.Ordinal);
            var logs = Directory.GetFiles(Path.Combine(data, "logs")).Select(f => File.ReadAllText(f));
            Assert.DoesNotContain(logs, l => l.Contains(token, StringComparison.Ordinal));

            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            Assert.Contains("Create administrator", await client.GetStringAsync(new Uri(link).PathAndQuery), StringComparison.Ordinal);
        }

        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Once_the_first_administrator_exists_the_setup_link_file_is_deleted()
    {
        await using var app = new BallotlineApp().With("Setup:PrintLinkOnStart", "true");
        app.StartServer();
        var file = SetupLinkPrinter.PathIn(app.DataDirectory);
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(file)), "the setup link is written");
        var link = (await File.ReadAllTextAsync(file)).Trim();
        var token = link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..];

        await app.WithServiceAsync(s => s.GetRequiredService<SetupService>().CreateFirstAdministratorAsync(token, "first@example.org", "First", "A long enough password 1!"));

        Assert.False(File.Exists(file));
    }
}
