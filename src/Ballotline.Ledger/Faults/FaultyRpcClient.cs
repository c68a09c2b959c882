using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;

namespace Ballotline.Ledger.Faults;

/// <summary>
/// A Nethereum client in front of the real one that applies <see cref="ChainFaults"/>. A failed call never
/// reaches the node, so what the anchorer sees is exactly an unreachable or misbehaving node.
/// </summary>
public sealed class FaultyRpcClient(ClientBase inner, ChainFaults faults) : Chain.OneByOneRpcClient
{
    public override async Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null)
    {
        ArgumentNullException.ThrowIfNull(rpcRequestMessage);
        var fault = faults.Next();
        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay);
        }

        return fault.Kind switch
        {
            ChainFaultKind.Outage => throw new RpcClientUnknownException($"Error occurred when trying to send rpc request: {rpcRequestMessage.Method} (simulated chain outage: the node is unreachable)"),
            ChainFaultKind.Error => new RpcResponseMessage(rpcRequestMessage.Id, new Nethereum.JsonRpc.Client.RpcMessages.RpcError { Code = -32603, Message = "simulated RPC error" }),
            ChainFaultKind.None => await inner.SendAsync(rpcRequestMessage, route),
            _ => throw new InvalidOperationException($"Unknown fault {fault.Kind}."),
        };
    }
}
