namespace Ballotline.Server.Anchoring;

public static class AnchoringFeature
{
    public static IServiceCollection AddBallotlineAnchoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LedgerOptions>().Bind(configuration.GetSection(LedgerOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.IsEmbedded || !o.Enabled || Uri.TryCreate(o.RpcUrl, UriKind.Absolute, out _), "Chain:RpcUrl must be an absolute URL when Chain:Mode is JsonRpc.")
            .ValidateOnStart();
        services.AddSingleton<ChainHealth>();
        services.AddSingleton<ChainConnection>();
        services.AddHostedService<ChainOpening>(); // before the anchorer, which reads the chain
        services.AddScoped<BallotLog>();
        services.AddScoped<AnchorService>();
        services.AddScoped<LedgerRecovery>();
        services.AddScoped<LedgerStatusService>();
        services.AddScoped<LedgerVerifications>();
        services.AddScoped<FinalityNotices>();
        services.AddHostedService<Anchorer>();
        services.AddHealthChecks().AddCheck<ChainHealthCheck>("chain");
        return services;
    }

    /// <summary>The ledger API (anchors, inclusion proofs, the announcement) and the embedded chain's read-only JSON-RPC.</summary>
    public static IEndpointRouteBuilder MapBallotlineAnchoring(this IEndpointRouteBuilder app)
    {
        app.MapLedgerApi();
        app.MapChainRpc();
        return app;
    }
}
