using System.Text.Json;
using Nethereum.JsonRpc.Client.RpcMessages;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Ballotline.Ledger.Embedded;

/// <summary>A Nethereum client that talks to the embedded chain in-process, so the anchorer's code is the same for every chain.</summary>
public sealed class EmbeddedRpcClient(EmbeddedRpc rpc) : Chain.OneByOneRpcClient
{
    public override async Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null)
    {
        ArgumentNullException.ThrowIfNull(rpcRequestMessage);
        using var parameters = JsonDocument.Parse(JsonConvert.SerializeObject(rpcRequestMessage.RawParameters ?? Array.Empty<object>()));
        var (result, error) = await rpc.HandleAsync(rpcRequestMessage.Method, parameters.RootElement);
        return error is null
            ? new RpcResponseMessage(rpcRequestMessage.Id, result is null ? JValue.CreateNull() : JToken.Parse(result.ToJsonString()))
            : new RpcResponseMessage(rpcRequestMessage.Id, new Nethereum.JsonRpc.Client.RpcMessages.RpcError { Code = error.Code, Message = error.Message, Data = error.Data is null ? null : JToken.FromObject(error.Data) });
    }
}
