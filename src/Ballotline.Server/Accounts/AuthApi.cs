using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Ballotline.Server.Accounts;

/// <summary>API sign-in: exchanges email and password for a bearer token (programs, the simulator, tests).</summary>
public static class AuthApi
{
    public sealed record TokenRequest(string Email, string Password);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (TokenRequest request, SignInManager<BallotlineUser> signIn) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.Email ?? string.Empty, request.Password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return TypedResults.Empty; // the bearer handler has written the token response
            }

            return TypedResults.Problem(result.IsLockedOut ? "Too many failed attempts; the account is locked for 15 minutes." : "The email or password is wrong.",
                statusCode: StatusCodes.Status401Unauthorized);
        })
        .RequireRateLimiting(RateLimiting.SignIn)
        .WithTags("Accounts")
        .WithSummary("Get a bearer token for the API");
        return app;
    }
}
