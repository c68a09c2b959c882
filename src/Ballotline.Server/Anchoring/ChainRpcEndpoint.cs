using System.Text.Json;
using System.Text.Json.Nodes;
using Ballotline.Ledger.Embedded;

namespace Ballotline.Server.Anchoring;

/// <summary>
/// /chain/rpc: the embedded chain's read-only JSON-RPC, so Nethereum, the verifier or any standard tool reads it
/// like any node. Writing (eth_sendRawTransaction) is refused: only the server's own anchorer writes.
/// </summary>
public static class ChainRpcEndpoint
{
    public static IEndpointRouteBuilder MapChainRpc(this IEndpointRouteBuilder app)
    {
        app.MapGet("/chain/rpc", IResult (ChainConnection chain) => chain.Embedded is null
            ? TypedResults.Problem("This server uses an external chain; ask its JSON-RPC node instead.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Text("Ballotline's local development chain (not a public blockchain). POST standard Ethereum JSON-RPC requests here (read-only methods).", "text/plain"))
            .WithTags("Ledger").ExcludeFromDescription();
        app.MapPost("/chain/rpc", async Task<IResult> (HttpRequest request, ChainConnection chain, CancellationToken ct) =>
        {
            if (chain.Embedded is null)
            {
                return TypedResults.Problem("This server uses an external chain; ask its JSON-RPC node instead.", statusCode: StatusCodes.Status404NotFound);
            }

            JsonDocument body;
            try
            {
                body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            }
            catch (JsonException e)
            {
                return TypedResults.Json(Error(null, -32700, "parse error: " + e.Message));
            }

            using (body)
            {
                var rpc = new EmbeddedRpc(await chain.Embedded);
                if (body.RootElement.ValueKind == JsonValueKind.Array)
                {
                    var count = body.RootElement.GetArrayLength();
                    if (count is 0 or > MaxBatch)
                    {
                        return TypedResults.Json(Error(null, -32600, $"invalid request: a batch holds 1 to {MaxBatch} requests, not {count}"));
                    }

                    var responses = new JsonArray();
                    foreach (var item in body.RootElement.EnumerateArray())
                    {
                        responses.Add(await AnswerAsync(rpc, item));
                    }

                    return TypedResults.Text(responses.ToJsonString(), "application/json");
                }

                return TypedResults.Text((await AnswerAsync(rpc, body.RootElement)).ToJsonString(), "application/json");
            }
        }).WithTags("Ledger").WithSummary("The embedded chain's read-only Ethereum JSON-RPC").DisableAntiforgery();
        return app;
    }

    private const int MaxBatch = 100;

    private static async Task<JsonObject> AnswerAsync(EmbeddedRpc rpc, JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            return Error(null, -32600, $"invalid request: a request is a JSON object, not {request.ValueKind.ToString().ToLowerInvariant()}");
        }

        var id = request.TryGetProperty("id", out var i) && i.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null
            ? JsonNode.Parse(i.GetRawText()) : null;
        if (!request.TryGetProperty("method", out var m) || m.ValueKind != JsonValueKind.String || m.GetString() is not { Length: > 0 } method)
        {
            return Error(id, -32600, "invalid request: 'method' must be a method name (a string)");
        }

        var parameters = request.TryGetProperty("params", out var p) ? p : default;
        if (parameters.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Array or JsonValueKind.Object))
        {
            return Error(id, -32602, "invalid params: 'params' must be an array");
        }

        if (!EmbeddedRpc.IsReadOnly(method))
        {
            return Error(id, -32601, $"{method} is not available here: this endpoint is read-only");
        }

        var (result, error) = await rpc.HandleAsync(method, parameters);
        return error is null
            ? new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result }
            : Error(id, error.Code, error.Message, error.Data);
    }

    private static JsonObject Error(JsonNode? id, int code, string message, string? data = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (data is not null)
        {
            error["data"] = data;
        }

        return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = error };
    }
}
