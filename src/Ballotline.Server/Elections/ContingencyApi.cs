using Ballotline.Server.Accounts;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Elections;

public static class ContingencyApi
{
    public sealed record RollbackRequest(string Instructions);

    public sealed record BackupVoteRequest(string Email);

    public sealed record CopyRequest(string Slug);

    public static IEndpointRouteBuilder MapContingencyApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/elections/{id:guid}").WithTags("Elections").RequireApiAdministrator();
        admin.MapPost("/rollback", async (Guid id, RollbackRequest request, ContingencyService contingency, HttpContext http, CancellationToken ct) =>
            ElectionSummary.Of(await contingency.RollbackAsync(id, request.Instructions, http.User.Actor(), ct)))
            .WithSummary("Stop online voting and switch to the traditional backup channel (voters are told how to vote)");
        admin.MapPut("/backup-totals", async (Guid id, Dictionary<string, long> totals, ContingencyService contingency, HttpContext http, CancellationToken ct) =>
        {
            await contingency.SaveBackupTotalsAsync(id, totals, http.User.Actor(), ct);
            return TypedResults.NoContent();
        }).WithSummary("Enter the backup channel's totals per 'contest/candidate'");
        admin.MapPost("/copy", async (Guid id, CopyRequest request, ContingencyService contingency, HttpContext http, CancellationToken ct) =>
            ElectionSummary.Of(await contingency.CopyAsync(id, request.Slug, http.User.Actor(), ct)))
            .WithSummary("Schedule a new pilot: copy this election's setup and group into a new draft");
        app.MapPost("/api/elections/{id:guid}/backup-votes", async (Guid id, BackupVoteRequest request, ContingencyService contingency, HttpContext http, CancellationToken ct) =>
        {
            await contingency.RecordBackupVoteAsync(id, request.Email, http.User.Actor(), ct);
            return TypedResults.NoContent();
        }).WithTags("Elections").RequireApiRole(Roles.Administrator, Roles.Support).WithSummary("Record that a voter voted by the backup channel");
        return app;
    }
}
