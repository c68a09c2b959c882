using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Infrastructure;

/// <summary>Turns a <see cref="DomainException"/> from an API endpoint into a ProblemDetails response.</summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException badRequest)
        {
            // The body or a parameter did not bind: say which and why (the innermost message is the JSON reader's or
            // a converter's, e.g. "99 is not a RecordingMode: use one of Batched, PerBallot.").
            var reason = badRequest.InnerException is { } inner ? Innermost(inner).Message : badRequest.Message;
            exception = new DomainException("invalid-request", $"The request is not valid: {reason}", badRequest.StatusCode);
        }

        if (exception is not DomainException domain)
        {
            return false;
        }

        httpContext.Response.StatusCode = domain.StatusCode;
        if (domain.RetryAfterSeconds is { } retryAfter)
        {
            httpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var details = new ProblemDetails
        {
            Status = domain.StatusCode,
            Title = domain.Message,
            Type = $"https://ballotline.example/problems/{domain.Code}",
        };
        details.Extensions["code"] = domain.Code;
        if (domain.Details.Count > 0)
        {
            details.Extensions["errors"] = domain.Details;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
