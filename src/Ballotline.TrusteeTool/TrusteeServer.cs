using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ballotline.TrusteeTool;

/// <summary>
/// The server's trustee endpoints (<c>/api/trustee/{token}…</c>, as documented in its <c>/openapi/v1.json</c>),
/// spoken with the tool's own types. A request refused for rate limiting is retried after the time the server asks
/// for; any other refusal is an error carrying the server's reason.
/// </summary>
internal sealed class TrusteeServer : IDisposable
{
    /// <summary>The server's JSON: web defaults, with scalars and points in the crypto library's hex forms.</summary>
    private static readonly JsonSerializerOptions Json = CreateJson();

    private readonly HttpClient _http;
    private readonly string _trustee;

    public TrusteeServer(Uri server, string token, HttpMessageHandler? handler)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = server;
        _http.Timeout = TimeSpan.FromMinutes(2);
        _trustee = "/api/trustee/" + Uri.EscapeDataString(token);
    }

    public Task<TrusteeView> ViewAsync(CancellationToken ct) => SendAsync<TrusteeView>(HttpMethod.Get, _trustee, null, ct);

    public Task<TrusteeView> PutAsync(string step, object body, CancellationToken ct) => SendAsync<TrusteeView>(HttpMethod.Put, $"{_trustee}/{step}", body, ct);

    public async Task<string> EncryptedTotalsAsync(CancellationToken ct)
    {
        using var response = await SendRawAsync(() => new HttpRequestMessage(HttpMethod.Get, _trustee + "/tally"), ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>The closed ballot log, as a stream to read line by line (a large election's log is hundreds of megabytes).</summary>
    public async Task<Stream> BallotLogAsync(CancellationToken ct)
    {
        var response = await SendRawAsync(() => new HttpRequestMessage(HttpMethod.Get, _trustee + "/ballots"), ct);
        return await response.Content.ReadAsStreamAsync(ct); // disposing the stream releases the response
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(() => new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, ct);
        return await response.Content.ReadFromJsonAsync<T>(Json, ct) ?? throw new TrusteeServerException($"{method} {path} answered with nothing.");
    }

    private async Task<HttpResponseMessage> SendRawAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            var response = await _http.SendAsync(message, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 20)
            {
                // The rate limiter refused before doing anything: waiting as asked and retrying loses nothing.
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(Math.Min(30, attempt * 2));
                response.Dispose();
                await Task.Delay(wait, ct);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                var detail = await response.Content.ReadAsStringAsync(ct);
                response.Dispose();
                // The token is the trustee's secret: the message names the step, not the URL that carries it.
                var step = message.RequestUri!.AbsolutePath.Replace(_trustee, "/api/trustee/…", StringComparison.Ordinal);
                throw new TrusteeServerException($"{message.Method} {step} was refused ({(int)response.StatusCode}): {detail}");
            }

            return response;
        }
    }

    public void Dispose() => _http.Dispose();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var converter in Ballotline.Crypto.Serialization.CryptoJson.Options.Converters)
        {
            options.Converters.Add(converter);
        }

        return options;
    }
}
