using Ballotline.Server.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Accounts;

/// <summary>
/// Once the server listens, says where it is and — on a fresh installation — where the one-time setup link is.
/// The link is a credential: it is written to <c>{data}/setup-link.txt</c>, readable by the server's user only,
/// and shown in full only on an interactive terminal (someone running <c>dotnet run</c>). When the output goes
/// to a journal or a file (systemd, Docker, CI), only the file's path is printed, so the token never reaches a
/// log. Runs as part of start-up (<see cref="IHostedLifecycleService.StartedAsync"/>), so a failure is reported.
/// </summary>
internal sealed partial class SetupLinkPrinter(IServiceProvider services, IServer server, IOptions<DatabaseOptions> database, ILogger<SetupLinkPrinter> logger) : IHostedLifecycleService
{
    public const string FileName = "setup-link.txt";

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PrintAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogNotPrinted(logger, e.Message);
        }
    }

    /// <summary>The setup link's file in <paramref name="dataDirectory"/>.</summary>
    public static string PathIn(string dataDirectory) => Path.GetFullPath(Path.Combine(dataDirectory, FileName));

    private async Task PrintAsync(CancellationToken ct)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        address = address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        await using var scope = services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<SetupService>().IssueTokenAsync(ct);
        var file = PathIn(database.Value.DataDirectory);
        Console.WriteLine();
        Console.WriteLine($"Ballotline is running at {address}");
        if (token is null)
        {
            File.Delete(file);
            Console.WriteLine();
            return;
        }

        var link = $"{address.TrimEnd('/')}/setup?token={token}";
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(new FileStream(file, options)))
        {
            await writer.WriteLineAsync(link);
        }

        Console.WriteLine("No administrator exists yet. Open the one-time setup link to create the first one:");
        Console.WriteLine(Console.IsOutputRedirected
            ? $"  it is in {file} (readable by this server's user only; not printed here, because this output may be kept in a log)"
            : $"  {link}\n  (also in {file}; it works once, and a new one is made at each start until an administrator exists)");
        Console.WriteLine();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The setup link could not be written or printed: {Reason}")]
    private static partial void LogNotPrinted(ILogger logger, string reason);
}
