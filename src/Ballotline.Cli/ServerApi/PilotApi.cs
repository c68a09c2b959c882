using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ballotline.Cli.ServerApi;

/// <summary>
/// The server's HTTP API as the simulator uses it, one client per signed-in person. A request refused for rate
/// limiting is retried after the time the server asks for; any other refusal is an error with the server's
/// reason, so nothing is silently lost.
/// </summary>
public sealed class PilotApi : IDisposable
{
    /// <summary>The server's JSON: web defaults, with scalars and points in the crypto library's hex forms.</summary>
    private static readonly JsonSerializerOptions Json = CreateJson();

    private readonly HttpClient _http;

    public PilotApi(Uri server)
    {
        _http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri Server => _http.BaseAddress!;

    public async Task SignInAsync(string email, string password, CancellationToken ct)
    {
        var token = await SendAsync<JsonElement>(HttpMethod.Post, "/api/auth/token", new { email, password }, ct);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
    }

    public Task<T> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, path, null, ct);

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken ct) => SendAsync<T>(HttpMethod.Post, path, body, ct);

    public Task<T> PutAsync<T>(string path, object? body, CancellationToken ct) => SendAsync<T>(HttpMethod.Put, path, body, ct);

    public async Task<string> GetTextAsync(string path, CancellationToken ct)
    {
        using var response = await SendRawAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<byte[]> GetBytesAsync(string path, CancellationToken ct)
    {
        using var response = await SendRawAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ct);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    public async Task PostTextAsync(string path, string body, string mediaType, CancellationToken ct)
    {
        using var response = await SendRawAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType) }, ct);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(() => new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, ct);
        if (typeof(T) == typeof(object) || response.StatusCode == HttpStatusCode.NoContent)
        {
            return default!;
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, ct) ?? throw new PilotApiException($"{method} {path} answered with nothing.");
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
                throw new PilotApiException($"{message.Method} {message.RequestUri} was refused ({(int)response.StatusCode}): {detail}", response.StatusCode);
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
