using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ballotline.Server.Accounts;

/// <summary>
/// Once the server listens, prints where it is and — on a fresh installation — the one-time setup link.
/// It writes to the console directly, not through the logger, so the token never reaches the log files.
/// </summary>
internal sealed class SetupLinkPrinter(IServiceProvider services, IHostApplicationLifetime lifetime, IServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = PrintAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrintAsync()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        address = address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        await using var scope = services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
        var token = await setup.IssueTokenAsync();
        Console.WriteLine();
        Console.WriteLine($"Ballotline is running at {address}");
        if (token is not null)
        {
            Console.WriteLine("No administrator exists yet. Open this one-time link to create the first one:");
            Console.WriteLine($"  {address.TrimEnd('/')}/setup?token={token}");
        }

        Console.WriteLine();
    }
}
