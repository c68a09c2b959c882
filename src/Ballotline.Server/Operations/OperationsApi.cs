using Ballotline.Server.Accounts;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Operations;

public static class OperationsApi
{
    public sealed record HelpPageView(string Slug, string Title, string Markdown, string Html);

    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/help/{slug}", async (string slug, HelpPages pages, CancellationToken ct, string language = Languages.VoterLanguages.Default) =>
        {
            var page = await pages.GetAsync(slug, language, ct);
            return new HelpPageView(page.Slug, page.Title, page.Markdown, HelpPages.ToHtml(page.Markdown));
        }).WithTags("Support").WithSummary("A support material page (FAQ, troubleshooting, escalation, contacts) in a language (?language=en, the default, or fr; English where it has no version)");
        app.MapPut("/api/help/{slug}", async (string slug, HelpPageView input, HelpPages pages, HttpContext http, CancellationToken ct, string language = Languages.VoterLanguages.Default) =>
        {
            await pages.SaveAsync(slug, language, input.Title, input.Markdown, http.User.Actor(), ct);
            return TypedResults.NoContent();
        }).WithTags("Support").RequireApiRole(Roles.Administrator, Roles.Support).WithSummary("Edit a support material page (Markdown) in a language (?language=en, the default, or fr)");

        var issues = app.MapGroup("/api/issues").WithTags("Support").RequireApiRole(Roles.Administrator, Roles.Support);
        issues.MapGet("/", (Guid? electionId, OperationsService ops, CancellationToken ct) => ops.IssuesAsync(electionId, ct)).WithSummary("The pilot's issues log");
        issues.MapPost("/", (OperationsService.IssueInput input, OperationsService ops, CancellationToken ct) => ops.SaveIssueAsync(null, input, ct)).WithSummary("Log an issue");
        issues.MapPut("/{id:long}", (long id, OperationsService.IssueInput input, OperationsService ops, CancellationToken ct) => ops.SaveIssueAsync(id, input, ct)).WithSummary("Update an issue");

        var lessons = app.MapGroup("/api/elections/{electionId:guid}/lessons").WithTags("Report").RequireApiAdministrator();
        lessons.MapGet("/", (Guid electionId, OperationsService ops, CancellationToken ct) => ops.LessonsAsync(electionId, ct)).WithSummary("Lessons learned");
        lessons.MapPut("/", (Guid electionId, OperationsService.LessonsInput input, OperationsService ops, HttpContext http, CancellationToken ct) =>
            ops.SaveLessonsAsync(electionId, input, http.User.Actor(), ct)).WithSummary("Save lessons learned");
        lessons.MapGet("/markdown", async (Guid electionId, OperationsService ops, ElectionService elections, CancellationToken ct) =>
            TypedResults.Text((await ops.LessonsAsync(electionId, ct)).ToMarkdown((await elections.GetAsync(electionId, ct)).Title), "text/markdown"))
            .WithSummary("Lessons learned as Markdown, for the report");
        var checklist = app.MapGroup("/api/elections/{electionId:guid}/checklist").WithTags("Elections").RequireApiRole(Roles.Administrator, Roles.Support);
        checklist.MapGet("/", (Guid electionId, Checklists checklists, CancellationToken ct) => checklists.GetAsync(electionId, ct))
            .WithSummary("The pre-launch and launch-day checklists, with what the system ticked and its evidence");
        checklist.MapPut("/{key}", async (Guid electionId, string key, TickRequest request, Checklists checklists, HttpContext http, CancellationToken ct) =>
        {
            await checklists.TickAsync(electionId, key, request.Done, request.Note, http.User.Actor(), ct);
            return TypedResults.NoContent();
        }).WithSummary("Tick or untick an item by hand");
        return app;
    }

    public sealed record TickRequest(bool Done, string? Note);
}
