namespace Ballotline.Server.Operations;

/// <summary>Operations: issues, lessons learned, checklists, help pages and the guides: its services and its endpoints.</summary>
public static class OperationsFeature
{
    public static IServiceCollection AddBallotlineOperations(this IServiceCollection services)
    {
        services.AddScoped<HelpPages>();
        services.AddScoped<OperationsService>();
        services.AddScoped<Checklists>();
        return services;
    }

    public static IEndpointRouteBuilder MapBallotlineOperations(this IEndpointRouteBuilder app)
    {
        app.MapOperationsApi();
        app.MapGuides();
        return app;
    }
}
