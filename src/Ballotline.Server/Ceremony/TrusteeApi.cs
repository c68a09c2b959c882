using System.Text.Json;
using Ballotline.Crypto;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Trustees;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Ceremony;

/// <summary>
/// The key ceremony over HTTP. Administrators appoint trustees (each gets a secret link token, shown once);
/// trustees' command line (<c>ballotline-trustee</c>) uses its token for every round. Bodies carry the crypto
/// library's JSON (commitments, envelopes, partial decryptions), parsed strictly.
/// </summary>
public static class TrusteeApi
{
    public sealed record AppointRequest(int Quorum, IReadOnlyList<string> Names);

    public sealed record CommitRequest(JsonElement Commitment, string TransportKey);

    public sealed record ShareRequest(JsonElement Envelopes);

    public sealed record ConfirmRequest(string VerificationKey);

    public sealed record DecryptRequest(JsonElement Decryption);

    public static IEndpointRouteBuilder MapTrusteeApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/elections/{electionId:guid}/trustees").WithTags("Trustees").RequireApiAdministrator();
        admin.MapPut("/", async (Guid electionId, AppointRequest request, TrusteeCeremony ceremony, HttpContext http, CancellationToken ct) =>
            await ceremony.AppointAsync(electionId, request.Quorum, request.Names ?? [], http.User.Actor(), ct))
            .WithSummary("Appoint k-of-n trustees (draft only; restarts the ceremony). Returns each trustee's secret token once; one trustee = the server holds the key");
        admin.MapGet("/", (Guid electionId, TrusteeCeremony ceremony, CancellationToken ct) => ceremony.ProgressAsync(electionId, ct))
            .WithSummary("The key ceremony's progress, trustee by trustee");

        var trustee = app.MapGroup("/api/trustee/{token}").WithTags("Trustees").RequireRateLimiting(RateLimiting.Registration);
        trustee.MapGet("/", (string token, TrusteeCeremony ceremony, CancellationToken ct) => ceremony.ViewAsync(token, ct))
            .WithSummary("The trustee's election, the ceremony stage due, the others' public data and the shares dealt to this trustee");
        trustee.MapPut("/commitment", async (string token, CommitRequest request, TrusteeCeremony ceremony, CancellationToken ct) =>
            await ceremony.CommitAsync(token, Read<TrusteeCommitment>(request.Commitment, "commitment"), Point(request.TransportKey, "transportKey"), ct))
            .WithSummary("Round 1: publish the polynomial's commitments (with proofs) and the transport key");
        trustee.MapPut("/shares", async (string token, ShareRequest request, TrusteeCeremony ceremony, CancellationToken ct) =>
            await ceremony.ShareAsync(token, Read<ShareEnvelope[]>(request.Envelopes, "envelopes"), ct))
            .WithSummary("Round 2: one share for each other trustee, sealed to its transport key");
        trustee.MapPut("/confirmation", async (string token, ConfirmRequest request, TrusteeCeremony ceremony, CancellationToken ct) =>
            await ceremony.ConfirmAsync(token, Point(request.VerificationKey, "verificationKey"), ct))
            .WithSummary("Round 3: every share dealt to this trustee opened and checked; its key share's verification key");
        trustee.MapGet("/tally", async (string token, TrusteeCeremony ceremony, CancellationToken ct) =>
            TypedResults.Text(CryptoJson.Serialize(await ceremony.EncryptedTotalsAsync(token, ct)), "application/json"))
            .WithSummary("After voting closes: the encrypted totals to decrypt");
        trustee.MapGet("/ballots", (string token, TrusteeCeremony ceremony, HttpContext http, CancellationToken ct) =>
            ceremony.WriteBallotLogAsync(token, http.Response, ct))
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("After voting closes: the closed ballot log the totals are the sum of, for the trustee to recompute them before decrypting");
        trustee.MapPut("/decryption", async (string token, DecryptRequest request, TrusteeCeremony ceremony, CancellationToken ct) =>
            await ceremony.DecryptAsync(token, Read<PartialDecryption>(request.Decryption, "decryption"), ct))
            .WithSummary("The trustee's partial decryption with proofs; refused and named if a proof fails; the quorum's last one tallies");
        return app;
    }

    private static T Read<T>(JsonElement value, string field)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw new DomainException("missing-field", $"The request has no '{field}'.");
        }

        try
        {
            return CryptoJson.Deserialize<T>(value.GetRawText());
        }
        catch (CryptoFormatException e)
        {
            throw new DomainException("invalid-" + field, $"'{field}' is not well formed ({e.Check}): {e.Message}");
        }
    }

    private static GroupElement Point(string? hex, string field)
    {
        try
        {
            return GroupElement.FromHex(hex ?? string.Empty);
        }
        catch (CryptoFormatException e)
        {
            throw new DomainException("invalid-" + field, $"'{field}' is not a curve point ({e.Check}): {e.Message}");
        }
    }
}
