using Ballotline.Server.Accounts;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Feedback;

public static class FeedbackApi
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var voter = app.MapGroup("/api/elections/{electionId:guid}/feedback").WithTags("Feedback").RequireApiRole(Roles.Voter);
        voter.MapGet("/", async (Guid electionId, FeedbackService feedback, HttpContext http, CancellationToken ct) =>
            await feedback.FindAsync(electionId, http.User.UserId(), ct) is { } response ? TypedResults.Ok(response) : (IResult)TypedResults.NoContent())
            .WithSummary("Your feedback, if you have given it");
        voter.MapPut("/", async (Guid electionId, FeedbackInput input, FeedbackService feedback, HttpContext http, CancellationToken ct) =>
            await feedback.SubmitAsync(electionId, http.User.UserId(), input, ct))
            .WithSummary("Give or edit your feedback (until the feedback deadline)");
        app.MapGet("/api/elections/{electionId:guid}/feedback.csv", async (Guid electionId, bool? withIdentity, FeedbackService feedback, CancellationToken ct) =>
            TypedResults.Text(await feedback.ExportCsvAsync(electionId, withIdentity == true, ct), "text/csv"))
            .WithTags("Feedback").RequireApiAdministrator().WithSummary("Feedback as CSV (no voter identity unless withIdentity=true)");
        return app;
    }
}
