namespace Ballotline.Server.Voting;

/// <summary>Voting: casting device-encrypted ballots, one writer at a time per election: its services and its endpoints.</summary>
public static class VotingFeature
{
    public static IServiceCollection AddBallotlineVoting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CastingService>();
        services.AddOptions<VotingOptions>().Bind(configuration.GetSection(VotingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BallotBoxWriter>();
        services.AddSingleton<VerificationSlots>();
        return services;
    }

    public static IEndpointRouteBuilder MapBallotlineVoting(this IEndpointRouteBuilder app)
    {
        app.MapVotingApi();
        return app;
    }
}
