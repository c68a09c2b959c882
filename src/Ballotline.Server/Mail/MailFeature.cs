namespace Ballotline.Server.Mail;

public static class MailFeature
{
    public static IServiceCollection AddBallotlineMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Mail:TimeZone must be a time zone name such as Europe/Oslo or UTC.").ValidateOnStart();
        services.AddScoped<MailOutbox>();
        services.AddScoped<MailTemplates>();
        services.AddScoped<PilotNotices>();
        services.AddHostedService<MailSender>();
        return services;
    }

    /// <summary>The mailbox, templates and outbox API.</summary>
    public static IEndpointRouteBuilder MapBallotlineMail(this IEndpointRouteBuilder app)
    {
        app.MapMailApi();
        return app;
    }
}
