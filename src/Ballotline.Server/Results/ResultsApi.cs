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
        group.MapGet("/record", async (string slug, ElectionRecordBuilder records, HttpContext http, CancellationToken ct) =>
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{slug}-election-record.json\"";
            return TypedResults.Text(await records.BuildJsonAsync(slug, ct), "application/json");
        }).WithSummary("The election record: everything needed to re-check the tally");
        return app;
    }
}
