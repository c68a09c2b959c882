namespace Ballotline.Server.Infrastructure;

/// <summary>
/// Headers on every response: a strict Content-Security-Policy (scripts, styles and everything else only from
/// this origin, no inline script or style, no framing, no plugins), no MIME sniffing, and no Referer — voters'
/// URLs can carry a tracking code (<c>/verify?code=…</c>) that must not leak to another site. A response that
/// sets its own policy (the self-contained Phase 2 report) keeps it.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.TryAdd("Content-Security-Policy", Policy);
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("Referrer-Policy", "no-referrer");
            headers.TryAdd("X-Frame-Options", "DENY");
            headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
