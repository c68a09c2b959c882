using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Ballotline.Server.Accounts;

/// <summary>API sign-in: exchanges email and password for a bearer token (programs, the simulator, tests).</summary>
public static class AuthApi
{
    public sealed record TokenRequest(string Email, string Password);

    public const string ThrottledMessage = "Too many failed sign-ins from your network: wait 15 minutes, or ask support to send you a new link.";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (TokenRequest request, SignInManager<BallotlineUser> signIn, SignInThrottle throttle, HttpContext http) =>
        {
            var address = http.Connection.RemoteIpAddress;
            if (throttle.IsThrottled(address))
            {
                return TypedResults.Problem(ThrottledMessage, statusCode: StatusCodes.Status429TooManyRequests);
            }

            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.Email ?? string.Empty, request.Password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                throttle.Succeeded(address);
                return TypedResults.Empty; // the bearer handler has written the token response
            }

            throttle.Failed(address);
            return TypedResults.Problem(result.IsLockedOut ? "Too many failed attempts; the account is locked for 15 minutes." : "The email or password is wrong.",
                statusCode: StatusCodes.Status401Unauthorized);
        })
        .RequireRateLimiting(RateLimiting.SignIn)
        .WithTags("Accounts")
        .WithSummary("Get a bearer token for the API");
        return app;
    }
}
