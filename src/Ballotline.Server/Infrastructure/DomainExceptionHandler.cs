using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Infrastructure;

/// <summary>Turns a <see cref="DomainException"/> from an API endpoint into a ProblemDetails response.</summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DomainException domain)
        {
            return false;
        }

        httpContext.Response.StatusCode = domain.StatusCode;
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
}
