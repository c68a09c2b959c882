using System.Security.Claims;

namespace Ballotline.Server.Infrastructure;

internal static class RequestExtensions
{
    /// <summary>Where links point: the configured public address (Proxy:PublicBaseUrl), else this request's scheme and host as forwarded by the proxy.</summary>
    public static string BaseUrl(this HttpRequest request) =>
        request.HttpContext.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<ProxyOptions>>()?.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new DomainException("not-signed-in", "Sign in first.", StatusCodes.Status401Unauthorized);
}
