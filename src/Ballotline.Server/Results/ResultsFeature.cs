namespace Ballotline.Server.Results;

/// <summary>Results: the tally and the published election record: its services and its endpoints.</summary>
public static class ResultsFeature
{
    public static IServiceCollection AddBallotlineResults(this IServiceCollection services)
    {
        services.AddScoped<TallyService>();
        services.AddScoped<ElectionRecordBuilder>();
        services.AddScoped<ElectionRecordBundle>();
        return services;
    }

    public static IEndpointRouteBuilder MapBallotlineResults(this IEndpointRouteBuilder app)
    {
        app.MapResultsApi();
        return app;
    }
}
