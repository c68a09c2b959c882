namespace Ballotline.Server.Feedback;

/// <summary>Feedback: the voters' survey and the organiser's interviews: its services and its endpoints.</summary>
public static class FeedbackFeature
{
    public static IServiceCollection AddBallotlineFeedback(this IServiceCollection services)
    {
        services.AddScoped<FeedbackService>();
        services.AddScoped<InterviewService>();
        return services;
    }

    public static IEndpointRouteBuilder MapBallotlineFeedback(this IEndpointRouteBuilder app)
    {
        app.MapFeedbackApi();
        return app;
    }
}
