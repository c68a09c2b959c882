using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;

namespace Ballotline.Ledger.Chain;

/// <summary>
/// Retries a chain call that failed for a reason that may pass (the node unreachable, a timeout, the node's own
/// internal error or rate limit), up to <paramref name="attempts"/> times with exponential backoff and full jitter
/// (so many callers do not retry in step). Answers the node gave on purpose — a revert, "nonce too low", "already
/// known" — are returned at once. Every call the anchorer makes is safe to repeat: reads, and signed raw
/// transactions, whose resending the node recognises.
/// </summary>
public sealed class RetryingRpcClient(ClientBase inner, int attempts, Action<string>? onRetry = null, TimeSpan? baseDelay = null) : OneByOneRpcClient
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);
    private readonly TimeSpan _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(100);

    /// <summary>JSON-RPC error codes a node uses for trouble on its side: internal error, and resource or limit exceeded.</summary>
    private static readonly HashSet<int> TransientCodes = [-32603, -32005, -32097];

    public override async Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null)
    {
        ArgumentNullException.ThrowIfNull(rpcRequestMessage);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await inner.SendAsync(rpcRequestMessage, route);
                if (attempt >= attempts || response.Error is null || !TransientCodes.Contains(response.Error.Code))
                {
                    return response;
                }
            }
            catch (Exception e) when (attempt < attempts && IsTransient(e))
            {
            }

            onRetry?.Invoke(rpcRequestMessage.Method);
            await Task.Delay(Backoff(attempt));
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, _baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    private static bool IsTransient(Exception e) => e is RpcClientUnknownException or RpcClientTimeoutException or HttpRequestException or TaskCanceledException or IOException;
}
