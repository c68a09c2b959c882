namespace Ballotline.Server.Ceremony;

/// <summary>Ceremony: the k-of-n trustees' key ceremony and their decryption of the tally: its services and its endpoints.</summary>
public static class CeremonyFeature
{
    public static IServiceCollection AddBallotlineCeremony(this IServiceCollection services)
    {
        services.AddScoped<TrusteeCeremony>();
        return services;
    }

    public static IEndpointRouteBuilder MapBallotlineCeremony(this IEndpointRouteBuilder app)
    {
        app.MapTrusteeApi();
        return app;
    }
}
