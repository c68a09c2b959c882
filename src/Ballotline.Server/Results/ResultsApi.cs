using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Results;

public static class ResultsApi
{
    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/elections/{slug}").WithTags("Results");
        group.MapGet("/result", async (string slug, ElectionService elections, CancellationToken ct) =>
            TallyService.Read(await elections.GetBySlugAsync(slug, ct))
                ?? throw DomainException.Conflict("not-tallied", "The election has not been tallied yet."))
            .WithSummary("The published result");
        // The download's name is given to the framework, which encodes it, and only once the slug named a tallied
        // election: a slug from the URL written straight into the header let a stranger's non-ASCII slug fail the
        // response with a 500 instead of a 404.
        group.MapGet("/record", async (string slug, ElectionRecordBuilder records, CancellationToken ct) =>
            TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await records.BuildJsonAsync(slug, ct)), "application/json", $"{slug}-election-record.json")).WithSummary("The election record as one JSON file (v1): everything needed to re-check the tally");
        group.MapGet("/record.zip", async (string slug, ElectionRecordBundle bundle, CancellationToken ct) =>
        {
            // Built in memory first so that a refusal (not tallied) is a clean problem response, not a broken download.
            using var buffer = new MemoryStream();
            await bundle.WriteZipAsync(slug, buffer, ct);
            return TypedResults.File(buffer.ToArray(), "application/zip", $"{slug}-election-record.zip");
        }).WithSummary("The election record (v2, docs/election-record.md): a zip of plain files for `ballotline-verify`, servable as static files");
        return app;
    }
}
