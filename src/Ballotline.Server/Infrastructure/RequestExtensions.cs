using System.Security.Claims;

namespace Ballotline.Server.Infrastructure;

internal static class RequestExtensions
{
    public static string BaseUrl(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new DomainException("not-signed-in", "Sign in first.", StatusCodes.Status401Unauthorized);
}
