namespace Ballotline.Server.Registration;

/// <summary>Registration: a voter registering through their invitation: its services and its endpoints.</summary>
public static class RegistrationFeature
{
    public static IServiceCollection AddBallotlineRegistration(this IServiceCollection services)
    {
        services.AddScoped<RegistrationService>();
        return services;
    }

    public static IEndpointRouteBuilder MapBallotlineRegistration(this IEndpointRouteBuilder app)
    {
        app.MapRegistrationApi();
        return app;
    }
}
