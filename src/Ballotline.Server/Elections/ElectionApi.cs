using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Elections;

public static class ElectionApi
{
    /// <param name="To">The state to move to.</param>
    /// <param name="Reason">Why (required to pause); audited and, when pausing, shown to voters.</param>
    /// <param name="KeyPassphrase">With one trustee: seals the election key when registration opens, opens it to tally. Never stored.</param>
    public sealed record TransitionRequest(string To, string? Reason, string? KeyPassphrase = null);

    public static IEndpointRouteBuilder MapElectionApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/elections").WithTags("Elections");
        open.MapGet("/", async (BallotlineDb db, CancellationToken ct) =>
            (await db.Elections.AsNoTracking().OrderByDescending(e => e.CreatedAt).ToListAsync(ct)).Select(ElectionSummary.Of))
            .WithSummary("List elections");
        open.MapGet("/{id:guid}", async (Guid id, ElectionService elections, CancellationToken ct) => ElectionSummary.Of(await elections.GetAsync(id, ct)))
            .WithSummary("Get one election");

        var admin = app.MapGroup("/api/elections").WithTags("Elections").RequireApiAdministrator();
        admin.MapPost("/", async (ElectionInput input, ElectionService elections, HttpContext http, CancellationToken ct) =>
        {
            var election = await elections.CreateAsync(input, http.User.Actor(), ct);
            return TypedResults.Created($"/api/elections/{election.Id}", ElectionSummary.Of(election));
        }).WithSummary("Create a draft election");
        admin.MapPut("/{id:guid}", async (Guid id, ElectionInput input, ElectionService elections, HttpContext http, CancellationToken ct) =>
            ElectionSummary.Of(await elections.UpdateDraftAsync(id, input, http.User.Actor(), ct)))
            .WithSummary("Edit a draft election");
        admin.MapPost("/{id:guid}/transitions", async (Guid id, TransitionRequest request, ElectionService elections, HttpContext http, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ElectionState>(request.To, ignoreCase: true, out var to) || !Enum.IsDefined(to))
            {
                throw new DomainException("invalid-state", $"'{request.To}' is not a state; use one of {string.Join(", ", Enum.GetNames<ElectionState>())}.");
            }

            return ElectionSummary.Of(await elections.TransitionAsync(id, to, http.User.Actor(), request.Reason, request.KeyPassphrase, ct));
        }).WithSummary("Move an election to another state (open registration, open voting, pause, resume, close)");
        admin.MapGet("/{id:guid}/audit", async (Guid id, ElectionService elections, CancellationToken ct) => await elections.AuditAsync(id, ct))
            .WithSummary("The election's audit log");
        return app;
    }
}
