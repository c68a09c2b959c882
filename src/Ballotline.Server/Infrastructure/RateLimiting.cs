using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Infrastructure;

public static class RateLimiting
{
    public const string SignIn = "sign-in";
    public const string Registration = "registration";
    public const string Casting = "casting";
    public const string Tickets = "tickets";

    public static IServiceCollection AddBallotlineRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var problem = new ProblemDetails { Status = 429, Title = "Too many attempts. Wait a minute and try again.", Type = "https://ballotline.example/problems/rate-limited" };
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                // A problem document like every other refusal of the API, so that a client reads its title the same way.
                await context.HttpContext.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
            };
            o.AddPolicy(SignIn, c => PerMinute(c, $"ip:{c.Connection.RemoteIpAddress}", Limits(c).SignInPerMinutePerAddress));
            o.AddPolicy(Registration, c => PerMinute(c, $"ip:{c.Connection.RemoteIpAddress}", Limits(c).RegistrationPerMinutePerAddress));
            o.AddPolicy(Tickets, c => PerMinute(c, $"ip:{c.Connection.RemoteIpAddress}", Limits(c).TicketsPerMinutePerAddress));
            o.AddPolicy(Casting, c => PerMinute(c,
                c.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? $"user:{user}" : $"ip:{c.Connection.RemoteIpAddress}",
                Limits(c).CastingPerMinutePerVoter));
        });
        return services;
    }

    private static RateLimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    /// <summary>Limits what changes something (sign in, register, cast, open a ticket); reading a page (GET, HEAD) is never limited.</summary>
    private static RateLimitPartition<string> PerMinute(HttpContext context, string key, int permits) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("page-view")
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
