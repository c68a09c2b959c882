using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;

namespace Ballotline.Ledger.Chain;

/// <summary>
/// A Nethereum client that answers a batch by sending its requests one after another through its own single
/// send — what the in-process chain and the clients layered in front of a node (faults, retries) need, so each
/// request of a batch gets the same treatment as a lone one.
/// </summary>
public abstract class OneByOneRpcClient : ClientBase
{
    protected override async Task<RpcResponseMessage[]> SendAsync(RpcRequestMessage[] requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var responses = new RpcResponseMessage[requests.Length];
        for (var i = 0; i < requests.Length; i++)
        {
            responses[i] = await SendAsync(requests[i]);
        }

        return responses;
    }
}
