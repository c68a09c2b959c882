namespace Ballotline.Server.Results;

/// <summary>Results: the tally and the published election record: its services and its endpoints.</summary>
public static class ResultsFeature
{
    public static IServiceCollection AddBallotlineResults(this IServiceCollection services)
    {
        services.AddScoped<TallyService>();
        services.AddScoped<ElectionRecordBuilder>();
        services.AddScoped<ElectionRecordBundle>();

        // A tallied election's ballot lines never change: the record keeps them (commitments included) between downloads.
        services.AddMemoryCache();
        return services;
    }

    public static IEndpointRouteBuilder MapBallotlineResults(this IEndpointRouteBuilder app)
    {
        app.MapResultsApi();
        return app;
    }
}
