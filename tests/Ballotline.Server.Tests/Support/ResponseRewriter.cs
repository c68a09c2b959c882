using System.Text;

namespace Ballotline.Server.Tests;

/// <summary>
/// A dishonest server as a client sees it: <paramref name="rewrite"/> is given each GET answer's path and body and
/// returns the body to deliver instead, or null to deliver it as it came.
/// </summary>
internal sealed class ResponseRewriter(Func<string, string, string?> rewrite) : DelegatingHandler(new HttpClientHandler())
{
    /// <summary>Whether <paramref name="path"/> is a trustee's view, <c>/api/trustee/{token}</c>.</summary>
    public static bool IsTrusteeView(string path) => path.StartsWith("/api/trustee/", StringComparison.Ordinal) && path.Count(c => c == '/') == 3;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Get && rewrite(request.RequestUri!.AbsolutePath, await response.Content.ReadAsStringAsync(cancellationToken)) is { } body)
        {
            response.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return response;
    }
}
