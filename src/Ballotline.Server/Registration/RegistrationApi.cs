using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Registration;

public static class RegistrationApi
{
    public sealed record RegistrationView(string Name, string Email, string ElectionTitle, bool IsTest, string SupportEmail);

    public sealed record CompleteRequest(string Password, bool AcknowledgedTestNotice);

    public static IEndpointRouteBuilder MapRegistrationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/registrations/{token}").WithTags("Registration").RequireRateLimiting(RateLimiting.Registration);
        group.MapGet("/", async (string token, RegistrationService service, CancellationToken ct) =>
        {
            var (voter, election) = await service.StartAsync(token, ct);
            return new RegistrationView(voter.Name, voter.Email, election.Title, election.IsTest, election.SupportEmail);
        }).WithSummary("Open an invitation (records when registration started)");
        group.MapPost("/", async (string token, CompleteRequest request, RegistrationService service, HttpContext http, CancellationToken ct) =>
        {
            var voter = await service.CompleteAsync(token, request.Password, request.AcknowledgedTestNotice, Languages.VoterLanguages.Chosen(http), ct);
            return TypedResults.Ok(new { voter.Email, Registered = true });
        }).WithSummary("Complete registration: acknowledge the test notice and choose a password");
        return app;
    }
}
