using Ballotline.Server.Accounts;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Feedback;

public static class FeedbackApi
{
    public sealed record ChooseInterviewees(int Count);

    public sealed record InterviewNotes(string? Notes);

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
        var interviews = app.MapGroup("/api/elections/{electionId:guid}/interviews").WithTags("Feedback").RequireApiAdministrator();
        interviews.MapGet("/", (Guid electionId, InterviewService service, CancellationToken ct) => service.ListAsync(electionId, ct))
            .WithSummary("The user interviews: who was chosen and invited, and the notes recorded");
        interviews.MapPost("/", (Guid electionId, ChooseInterviewees request, InterviewService service, CancellationToken ct) => service.ChooseAndInviteAsync(electionId, request.Count, ct))
            .WithSummary("Choose 10–15 more participants among those who agreed in the feedback form, balanced across group and age band, and invite them by mail");
        interviews.MapPut("/{id:long}/notes", (Guid electionId, long id, InterviewNotes request, InterviewService service, CancellationToken ct) => service.RecordNotesAsync(electionId, id, request.Notes, ct))
            .WithSummary("Record an interview's notes (their themes join the metrics and Phase 2 reports)");
        return app;
    }
}
