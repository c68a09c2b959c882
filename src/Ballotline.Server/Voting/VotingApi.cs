using Ballotline.Server.Accounts;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Voting;

public static class VotingApi
{
    public sealed record BallotView(Guid ElectionId, string Title, bool IsTest, IReadOnlyList<ContestSpec> Contests);

    public sealed record BallotLookup(string TrackingCode, string ShortCode, string Election, long LogPosition, DateTimeOffset CastAt, Ledger.BallotChainStatus Chain);

    public static IEndpointRouteBuilder MapVotingApi(this IEndpointRouteBuilder app)
    {
        var voter = app.MapGroup("/api/elections/{electionId:guid}/ballot").WithTags("Voting").RequireApiRole(Roles.Voter);
        voter.MapGet("/", async (Guid electionId, CastingService casting, HttpContext http, CancellationToken ct) =>
        {
            var (election, _) = await casting.OpenBallotAsync(electionId, http.User.UserId(), ct);
            return new BallotView(election.Id, election.Title, election.IsTest, election.Contests);
        }).WithSummary("Show the ballot (records when it was shown)");
        voter.MapPost("/", async (Guid electionId, CastRequest request, CastingService casting, HttpContext http, CancellationToken ct) =>
            await casting.CastAsync(electionId, http.User.UserId(), request, http.Request.BaseUrl(), ct))
            .RequireRateLimiting(RateLimiting.Casting)
            .WithSummary("Cast the ballot; returns the receipt");

        app.MapGet("/api/ballots/{code}", async (string code, BallotlineDb db, Ledger.LedgerStatusService ledger, CancellationToken ct) =>
        {
            var entry = await BallotLookups.FindAsync(db, code, ct);
            var slug = await db.Elections.Where(e => e.Id == entry.ElectionId).Select(e => e.Slug).SingleAsync(ct);
            return new BallotLookup(entry.TrackingCode, entry.ShortCode, slug, entry.LogIndex, entry.CastAt, await ledger.StatusAsync(entry.ElectionId, entry.LogIndex, ct));
        }).WithTags("Verification").WithSummary("Find a ballot in the public log by its tracking code (full or short)");
        app.MapGet("/api/ballots/{code}/verification", async (string code, BallotlineDb db, Ledger.LedgerVerifications verifications, CancellationToken ct) =>
            await verifications.VerifyAsync(await BallotLookups.FindAsync(db, code, ct), ct))
            .WithTags("Verification").WithSummary("Check the ballot's Merkle inclusion proof against the root read live from the chain (recorded as a verification attempt)");
        return app;
    }
}
