namespace Ballotline.Server.Mail;

public static class MailServiceExtensions
{
    public static IServiceCollection AddBallotlineMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<MailOutbox>();
        services.AddScoped<MailTemplates>();
        services.AddScoped<PilotNotices>();
        services.AddHostedService<MailSender>();
        return services;
    }
}
