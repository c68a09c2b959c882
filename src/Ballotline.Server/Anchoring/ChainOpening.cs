namespace Ballotline.Server.Anchoring;

/// <summary>
/// Opens the embedded chain when the host starts, before the anchorer runs: a block file that does not replay
/// stops the start with its reason instead of failing the first ballot's anchoring.
/// </summary>
public sealed class ChainOpening(ChainConnection chain) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => chain.OpenAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
