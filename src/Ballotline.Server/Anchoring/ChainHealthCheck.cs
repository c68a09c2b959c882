using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ballotline.Server.Anchoring;

/// <summary>/healthz's chain entry: degraded (not unhealthy) when down, because ballots are still accepted.</summary>
public sealed class ChainHealthCheck(ChainHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!health.Configured
            ? HealthCheckResult.Healthy("no chain configured: ballots are kept in the log and not anchored")
            : health.RecordsLost is { } lost
                ? HealthCheckResult.Unhealthy($"the chain lost this server's records ({lost}); ballots are accepted but nothing is anchored until an operator recovers the ledger (docs/operations.md)")
            : health.Connected
                ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"connected, block {health.LatestBlock}"))
                : HealthCheckResult.Degraded($"chain unreachable: {health.LastError ?? "not contacted yet"}; ballots are accepted and will be anchored when it returns"));
}
