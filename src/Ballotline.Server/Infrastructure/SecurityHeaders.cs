namespace Ballotline.Server.Infrastructure;

/// <summary>
/// Headers on every response: a strict Content-Security-Policy (scripts, styles and everything else only from
/// this origin, no inline script or style, no framing, no plugins), no MIME sniffing, and no Referer — voters'
/// URLs can carry a tracking code (<c>/verify?code=…</c>) that must not leak to another site. A response that
/// sets its own policy (the self-contained Phase 2 report) keeps it. The record verifier's Web Worker is the one
/// exception to <c>connect-src 'self'</c>: it reads the chain from whichever JSON-RPC node the person checking
/// chose (a worker's fetches obey the policy of its own script's response).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string VerifierWorkerPath = "/js/record-verifier-worker.js";

    /// <summary>The worker fetches only the record (this origin) and the JSON-RPC node the person typed.</summary>
    public const string VerifierWorkerPolicy = "default-src 'none'; connect-src 'self' https: http:; script-src 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.TryAdd("Content-Security-Policy", context.Request.Path.Equals(VerifierWorkerPath, StringComparison.OrdinalIgnoreCase) ? VerifierWorkerPolicy : Policy);
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("Referrer-Policy", "no-referrer");
            headers.TryAdd("X-Frame-Options", "DENY");
            headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
