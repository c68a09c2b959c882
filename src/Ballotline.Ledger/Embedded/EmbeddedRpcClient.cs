using System.Text.Json;
using Nethereum.JsonRpc.Client.RpcMessages;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Ballotline.Ledger.Embedded;

/// <summary>A Nethereum client that talks to the embedded chain in-process, so the anchorer's code is the same for every chain.</summary>
public sealed class EmbeddedRpcClient : Chain.OneByOneRpcClient
{
    private readonly Task<EmbeddedRpc> _rpc;

    public EmbeddedRpcClient(EmbeddedRpc rpc)
    {
        _rpc = Task.FromResult(rpc);
    }

    /// <summary>A client over a chain that is still opening (replaying its block file): each call waits for it, and fails as it failed.</summary>
    public EmbeddedRpcClient(Task<EmbeddedChain> opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        _rpc = WhenOpenAsync(opening);
    }

    private static async Task<EmbeddedRpc> WhenOpenAsync(Task<EmbeddedChain> opening) => new(await opening);

    public override async Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null)
    {
        ArgumentNullException.ThrowIfNull(rpcRequestMessage);
        using var parameters = JsonDocument.Parse(JsonConvert.SerializeObject(rpcRequestMessage.RawParameters ?? Array.Empty<object>()));
        var rpc = await _rpc;
        var (result, error) = await rpc.HandleAsync(rpcRequestMessage.Method, parameters.RootElement);
        return error is null
            ? new RpcResponseMessage(rpcRequestMessage.Id, result is null ? JValue.CreateNull() : JToken.Parse(result.ToJsonString()))
            : new RpcResponseMessage(rpcRequestMessage.Id, new Nethereum.JsonRpc.Client.RpcMessages.RpcError { Code = error.Code, Message = error.Message, Data = error.Data is null ? null : JToken.FromObject(error.Data) });
    }
}
