using Ballotline.Server.Data;
using Microsoft.AspNetCore.Identity;

namespace Ballotline.Server.Accounts;

public static class AccountsFeature
{
    public static IServiceCollection AddBallotlineAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddBearerToken(IdentityConstants.BearerScheme);
        services.AddIdentityCore<BallotlineUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false; // length beats composition rules (NIST SP 800-63B)
                o.Lockout.MaxFailedAccessAttempts = SignInThrottle.AccountLockoutFailures; // after the per-address throttle (SignInThrottle)
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BallotlineDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddSingleton<SignInThrottle>();
        services.AddAuthentication().AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "ballotline";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);

            // API callers get a status code, not a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = c => RedirectOrStatus(c.HttpContext, c.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => RedirectOrStatus(c.HttpContext, c.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Roles.Support, p => p.RequireRole(Roles.Administrator, Roles.Support))
            .AddPolicy(Roles.Voter, p => p.RequireRole(Roles.Voter));
        services.AddScoped<SetupService>();
        services.AddScoped<StaffService>();
        services.AddScoped<PasswordResets>();
        if (configuration.GetValue("Setup:PrintLinkOnStart", defaultValue: true))
        {
            services.AddHostedService<SetupLinkPrinter>();
        }
        return services;
    }

    private static Task RedirectOrStatus(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Sign-in tokens for programs and the staff accounts API.</summary>
    public static IEndpointRouteBuilder MapBallotlineAccounts(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapStaffApi();
        return app;
    }
}
