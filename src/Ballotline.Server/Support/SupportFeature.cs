namespace Ballotline.Server.Support;

/// <summary>Support: tickets, replies and sending a voter a new link: its services and its endpoints.</summary>
public static class SupportFeature
{
    public static IServiceCollection AddBallotlineSupport(this IServiceCollection services)
    {
        services.AddScoped<SupportService>();
        services.AddScoped<LinkResender>();
        return services;
    }

    public static IEndpointRouteBuilder MapBallotlineSupport(this IEndpointRouteBuilder app)
    {
        app.MapSupportApi();
        return app;
    }
}
