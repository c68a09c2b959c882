namespace Ballotline.Server.PilotGroup;

/// <summary>PilotGroup: the pilot group imported from CSV and its invitations: its services and its endpoints.</summary>
public static class PilotGroupFeature
{
    public static IServiceCollection AddBallotlinePilotGroup(this IServiceCollection services)
    {
        services.AddScoped<PilotGroupService>();
        return services;
    }

    public static IEndpointRouteBuilder MapBallotlinePilotGroup(this IEndpointRouteBuilder app)
    {
        app.MapPilotGroupApi();
        return app;
    }
}
