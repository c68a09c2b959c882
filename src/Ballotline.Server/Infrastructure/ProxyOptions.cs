using System.Net;

namespace Ballotline.Server.Infrastructure;

/// <summary>
/// Section <c>Proxy</c>: the reverse proxies (nginx, docs/deployment.md) whose X-Forwarded-For and
/// X-Forwarded-Proto are believed, so that rate limits count each voter's own address, cookies are Secure and
/// HSTS is sent behind TLS. Loopback is always trusted (nginx on the same machine); a proxy elsewhere must be
/// listed, or any client could claim any address.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of further trusted proxies, e.g. "10.0.0.5".</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Where voters reach the server (e.g. https://vote.example.org): links in pages and mail are built from it when set, else from the request.</summary>
    public string? PublicBaseUrl { get; set; }

    public ForwardedHeadersOptions ForwardedHeaders()
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                : throw new InvalidOperationException($"Proxy:KnownProxies has '{proxy}', which is not an IP address."));
        }

        return options;
    }
}
