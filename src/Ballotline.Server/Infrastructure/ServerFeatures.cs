using Ballotline.Server.Accounts;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Ceremony;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Feedback;
using Ballotline.Server.Health;
using Ballotline.Server.Languages;
using Ballotline.Server.Mail;
using Ballotline.Server.Observability;
using Ballotline.Server.Operations;
using Ballotline.Server.PilotGroup;
using Ballotline.Server.Registration;
using Ballotline.Server.Reports;
using Ballotline.Server.Results;
using Ballotline.Server.Reviews;
using Ballotline.Server.Support;
using Ballotline.Server.Voting;

namespace Ballotline.Server.Infrastructure;

/// <summary>
/// One place that lists the server's features, each by its own pair in its folder (<c>AddBallotline…</c> for its
/// services, <c>MapBallotline…</c> for its endpoints), after the web plumbing every feature shares.
/// </summary>
public static class ServerFeatures
{
    public static WebApplicationBuilder AddBallotline(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddBallotlineData(builder.Configuration);
        services.AddBallotlineAccounts(builder.Configuration);
        services.AddBallotlineRateLimits(builder.Configuration);
        services.AddOptions<ProxyOptions>().Bind(builder.Configuration.GetSection(ProxyOptions.Section));
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;

            // Sent only on HTTPS requests, so a server reached over plain HTTP (development, tests) never gets it;
            // no host is excluded, whatever name the proxy forwards.
            o.ExcludedHosts.Clear();
        });
        services.AddProblemDetails();

        // Scalars and points in API bodies use the crypto library's canonical hex forms, as in its own JSON.
        services.ConfigureHttpJsonOptions(o =>
        {
            foreach (var converter in Ballotline.Crypto.Serialization.CryptoJson.Options.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }

            o.SerializerOptions.Converters.Add(new StrictEnumConverterFactory());
        });

        // A body that does not bind is answered by DomainExceptionHandler with what was wrong, not an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddOpenApi();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", Roles.Administrator);
            o.Conventions.AuthorizeFolder("/Vote", Roles.Voter);
            o.Conventions.AuthorizePage("/Support/Queue", Roles.Support);
            o.Conventions.AuthorizePage("/Support/Issues", Roles.Support);
        }).AddViewLocalization(); // IHtmlLocalizer: voter sentences with a link inside, their data HTML-encoded
        // Every cookie is Secure whenever the request is HTTPS (as the proxy forwards it); the framework's
        // defaults for these two would send them over plain HTTP too.
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ballotline-af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddBallotlineElections();
        services.AddBallotlineCeremony();
        services.AddBallotlinePilotGroup();
        services.AddBallotlineRegistration();
        services.AddBallotlineVoting(builder.Configuration);
        services.AddBallotlineResults();
        services.AddBallotlineAnchoring(builder.Configuration);
        services.AddBallotlineMail(builder.Configuration);
        services.AddBallotlineObservability(builder.Configuration);
        services.AddBallotlineFeedback();
        services.AddBallotlineSupport();
        services.AddBallotlineOperations();
        services.AddBallotlineReports();
        services.AddBallotlineReviews(builder.Configuration);
        services.AddVoterLanguages();
        return builder;
    }

    public static WebApplication UseBallotline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // First: everything after it (rate limits, cookies, links, logs) sees the voter's address and scheme, not nginx's.
        app.UseForwardedHeaders(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProxyOptions>>().Value.ForwardedHeaders());
        app.UseHsts(); // only on HTTPS requests (as forwarded by the proxy)
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseVoterLanguages();
        app.UseBallotlineResponseMetrics();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // A person's browser that asks for a page that is not there gets a page (with a way back), not a JSON problem;
        // programs, and everything under /api, keep the problem details they parse. Inside the generic handler, so it
        // answers first.
        app.UseWhen(
            c => HttpMethods.IsGet(c.Request.Method) && !c.Request.Path.StartsWithSegments("/api")
                && c.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseBallotlineHttpMetrics();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapBallotlineAccounts();
        app.MapBallotlineElections();
        app.MapBallotlineCeremony();
        app.MapBallotlinePilotGroup();
        app.MapBallotlineRegistration();
        app.MapBallotlineVoting();
        app.MapBallotlineResults();
        app.MapBallotlineAnchoring();
        app.MapBallotlineMail();
        app.MapBallotlineObservability();
        app.MapBallotlineFeedback();
        app.MapBallotlineSupport();
        app.MapBallotlineOperations();
        app.MapBallotlineReports();
        app.MapRazorPages();
        return app;
    }
}
