namespace Ballotline.Server.Elections;

/// <summary>Elections: the election, its schedule and contingencies (pause, rollback, test elections): its services and its endpoints.</summary>
public static class ElectionsFeature
{
    public static IServiceCollection AddBallotlineElections(this IServiceCollection services)
    {
        services.AddSingleton<ElectionCrypto>();
        services.AddScoped<ElectionService>();
        services.AddScoped<ContingencyService>();
        services.AddScoped<Infrastructure.TestElectionBanner>();
        services.AddHostedService<ElectionScheduler>();
        return services;
    }

    public static IEndpointRouteBuilder MapBallotlineElections(this IEndpointRouteBuilder app)
    {
        app.MapElectionApi();
        app.MapContingencyApi();
        return app;
    }
}
