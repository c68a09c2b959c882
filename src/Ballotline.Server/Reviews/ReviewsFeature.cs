namespace Ballotline.Server.Reviews;

public static class ReviewsFeature
{
    /// <summary>The plan's daily review: the digest builder, and its sender at the configured hour.</summary>
    public static IServiceCollection AddBallotlineReviews(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DailyReviewOptions>().Bind(configuration.GetSection(DailyReviewOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DailyReviewBuilder>();
        services.AddHostedService<DailyReviewSender>();
        return services;
    }
}
