using Ballotline.Server.Accounts;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Voting;

public static class VotingApi
{
    public sealed record BallotView(Guid ElectionId, string Title, bool IsTest, IReadOnlyList<ContestSpec> Contests, EncryptionContextView Encryption);

    /// <summary>A ballot encrypted on the voter's device, as <c>ballotline/ballot/v1</c> JSON.</summary>
    public sealed record EncryptedCastRequest(System.Text.Json.JsonElement Ballot, bool EmailReceipt = false);

    /// <summary>A ballot the voter challenges instead of casting, with the nonces that open it (hex scalars, contest by contest).</summary>
    public sealed record ChallengeRequest(System.Text.Json.JsonElement Ballot, System.Text.Json.JsonElement Nonces);

    public sealed record BallotLookup(string TrackingCode, string ShortCode, string Election, long LogPosition, DateTimeOffset CastAt, Anchoring.BallotChainStatus Chain);

    public static IEndpointRouteBuilder MapVotingApi(this IEndpointRouteBuilder app)
    {
        var voter = app.MapGroup("/api/elections/{electionId:guid}/ballot").WithTags("Voting").RequireApiRole(Roles.Voter);
        voter.MapGet("/", async (Guid electionId, CastingService casting, HttpContext http, CancellationToken ct) =>
        {
            var (election, _) = await casting.OpenBallotAsync(electionId, http.User.UserId(), ct);
            return new BallotView(election.Id, election.Title, election.IsTest, election.Contests, casting.EncryptionContext(election));
        }).WithSummary("Show the ballot with what a device needs to encrypt it (records when it was shown)");
        voter.MapPost("/", async (Guid electionId, CastRequest request, CastingService casting, HttpContext http, CancellationToken ct) =>
            await casting.CastAsync(electionId, http.User.UserId(), request, http.Request.BaseUrl(), ct))
            .RequireRateLimiting(RateLimiting.Casting)
            .WithSummary("Cast choices sent in the clear, encrypted by the server — only when Voting:ServerSideEncryption is on (tests, benchmarks)");
        voter.MapPost("/encrypted", async (Guid electionId, EncryptedCastRequest request, CastingService casting, HttpContext http, CancellationToken ct) =>
            await casting.CastEncryptedAsync(electionId, http.User.UserId(), Raw(request.Ballot, "ballot"), http.Request.BaseUrl(), request.EmailReceipt, ct))
            .RequireRateLimiting(RateLimiting.Casting)
            .WithSummary("Cast a ballot encrypted on the voter's device (checked: this election, valid proofs, not replayed, not spoiled); returns the receipt");
        voter.MapPost("/challenge", async (Guid electionId, ChallengeRequest request, CastingService casting, HttpContext http, CancellationToken ct) =>
            await casting.ChallengeAsync(electionId, http.User.UserId(), Raw(request.Ballot, "ballot"), Raw(request.Nonces, "nonces"), ct))
            .RequireRateLimiting(RateLimiting.Casting)
            .WithSummary("Challenge a ballot instead of casting it: it is opened, published as spoiled and never counted; returns what it contained");
        app.MapGet("/api/elections/{slug}/spoiled", async (string slug, ElectionService elections, BallotlineDb db, CancellationToken ct) =>
        {
            var election = await elections.GetBySlugAsync(slug, ct);
            var spoiled = await db.SpoiledBallots.AsNoTracking().Where(b => b.ElectionId == election.Id).OrderBy(b => b.TrackingCode).ToListAsync(ct);
            return spoiled.Select(b => CastingService.SpoiledView(election, b));
        }).WithTags("Verification").WithSummary("Challenged ballots, published with what they contained; never counted");

        app.MapGet("/api/ballots/{code}", async (string code, BallotlineDb db, Anchoring.LedgerStatusService ledger, CancellationToken ct) =>
        {
            var entry = await BallotLookups.FindAsync(db, code, ct);
            var slug = await db.Elections.Where(e => e.Id == entry.ElectionId).Select(e => e.Slug).SingleAsync(ct);
            return new BallotLookup(entry.TrackingCode, entry.ShortCode, slug, entry.LogIndex, entry.CastAt, await ledger.StatusAsync(entry.ElectionId, entry.LogIndex, ct));
        }).WithTags("Verification").WithSummary("Find a ballot in the public log by its tracking code (full or short)");
        app.MapGet("/api/ballots/{code}/verification", async (string code, BallotlineDb db, Anchoring.LedgerVerifications verifications, CancellationToken ct) =>
            await verifications.VerifyAsync(await BallotLookups.FindAsync(db, code, ct), ct))
            .WithTags("Verification").WithSummary("Check the ballot's Merkle inclusion proof against the root read live from the chain (recorded as a verification attempt)");
        return app;
    }

    private static string Raw(System.Text.Json.JsonElement value, string field) =>
        value.ValueKind is System.Text.Json.JsonValueKind.Undefined or System.Text.Json.JsonValueKind.Null
            ? throw new DomainException("missing-field", $"The request has no '{field}'.")
            : value.GetRawText();
}
