using System.Collections.Concurrent;

namespace Ballotline.Server.Tests;

/// <summary>
/// An HTTP handler over real sockets that keeps every request a client sends (method, path, JSON body) and the
/// status and body of the answer, so a tool's conversation with the server can be checked against the server's
/// OpenAPI document afterwards.
/// </summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<RecordedExchange> Exchanges { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        Exchanges.Enqueue(new RecordedExchange(request.Method.Method, request.RequestUri!.AbsolutePath, body, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, answer));
        return response;
    }
}

/// <summary>One request a client sent and the server's answer, as <see cref="RecordingHandler"/> kept it.</summary>
internal sealed record RecordedExchange(string Method, string Path, string? RequestBody, int Status, string? ResponseType, string ResponseBody);
