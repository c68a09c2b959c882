using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.PilotGroup;

public static class PilotGroupApi
{
    public sealed record VoterView(Guid Id, string Name, string Email, string Group, string AgeBand, string Location, DateTimeOffset? InvitedAt, DateTimeOffset? RegisteredAt);

    public sealed record InvitationView(Guid VoterId, string Name, string Email, string Link);

    public sealed record ImportResult(int Imported);

    public static IEndpointRouteBuilder MapPilotGroupApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/elections/{electionId:guid}").WithTags("Pilot group").RequireApiAdministrator();
        group.MapGet("/voters", async (Guid electionId, PilotGroupService service, CancellationToken ct) =>
            (await service.ListAsync(electionId, ct)).Select(View)).WithSummary("List the pilot group");
        group.MapGet("/composition", async (Guid electionId, PilotGroupService service, CancellationToken ct) =>
            Composition.Of([.. await service.ListAsync(electionId, ct)])).WithSummary("The group's composition against the pilot targets");
        group.MapPost("/voters", async (Guid electionId, PilotVoterInput input, PilotGroupService service, HttpContext http, CancellationToken ct) =>
            View(await service.AddAsync(electionId, input, http.User.Actor(), ct))).WithSummary("Add one voter");
        group.MapDelete("/voters/{voterId:guid}", async (Guid electionId, Guid voterId, PilotGroupService service, HttpContext http, CancellationToken ct) =>
        {
            await service.RemoveAsync(electionId, voterId, http.User.Actor(), ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove one voter");
        group.MapPost("/voters/import", async (Guid electionId, HttpRequest request, PilotGroupService service, HttpContext http, CancellationToken ct) =>
        {
            if (request.ContentLength > 1_000_000)
            {
                throw new DomainException("csv-too-large", "The file is larger than 1 MB.", StatusCodes.Status413PayloadTooLarge);
            }

            // Read asynchronously and bounded: the CSV parser reads synchronously, which Kestrel forbids on the body.
            using var body = new StreamReader(request.Body);
            var buffer = new char[1_000_001];
            var length = await body.ReadBlockAsync(buffer, ct);
            if (length > 1_000_000)
            {
                throw new DomainException("csv-too-large", "The file is larger than 1 MB.", StatusCodes.Status413PayloadTooLarge);
            }

            using var reader = new StringReader(new string(buffer, 0, length));
            return new ImportResult(await service.ImportAsync(electionId, reader, http.User.Actor(), ct));
        }).Accepts<string>("text/csv").WithSummary("Import a pilot-group CSV (all rows or none)");
        group.MapPost("/invitations", async (Guid electionId, bool? email, PilotGroupService service, Elections.ElectionService elections, Mail.PilotNotices notices, HttpContext http, CancellationToken ct) =>
        {
            var invitations = await service.IssueInvitationsAsync(electionId, http.User.Actor(), ct: ct);
            if (email == true)
            {
                await notices.InvitationsAsync(await elections.GetAsync(electionId, ct), invitations, http.Request.BaseUrl(), ct);
            }

            return invitations.Select(i => new InvitationView(i.VoterId, i.Name, i.Email, i.Link(http.Request.BaseUrl())));
        }).WithSummary("Issue fresh single-use invitation links to everyone not yet registered (email=true also mails them)");
        group.MapPost("/reminders/{kind}", async (Guid electionId, string kind, Elections.ElectionService elections, Mail.PilotNotices notices, CancellationToken ct) =>
        {
            if (!Enum.TryParse<Mail.PilotNotices.Reminder>(kind, ignoreCase: true, out var reminder) || !Enum.IsDefined(reminder))
            {
                throw new DomainException("invalid-reminder", $"'{kind}' is not a reminder; use {string.Join(", ", Enum.GetNames<Mail.PilotNotices.Reminder>())}.");
            }

            return new { Queued = await notices.RemindAsync(await elections.GetAsync(electionId, ct), reminder, ct) };
        }).WithSummary("Remind those who have not registered, not voted or not given feedback (once a day each)");
        return app;
    }

    public static VoterView View(PilotVoter v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Id, v.Name, v.Email, PilotVoterParser.Label(v.Group), PilotVoterParser.Label(v.AgeBand), v.Location, v.InvitedAt, v.RegisteredAt);
    }
}
