using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Ballotline.Server.Languages;

/// <summary>
/// The languages a voter can read Ballotline in. A voter's language comes, first to last, from <c>?culture=</c> (the
/// invitation link of a voter whose pilot-group row names a language), the choice they made with the language
/// switch (a cookie), then the browser's Accept-Language; mail follows the language stored with the voter.
/// </summary>
public static class VoterLanguages
{
    public const string Default = "en";

    /// <summary>Each language's code and its name in itself, as the switch shows it.</summary>
    public static IReadOnlyList<(string Code, string Name)> Supported { get; } = [("en", "English"), ("fr", "Français")];

    /// <summary>"fr-CA" → "fr"; null for a language Ballotline does not have.</summary>
    public static string? Normalize(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var code = language.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Any(l => l.Code == code) ? code : null;
    }

    /// <summary>
    /// A language code given by staff for something stored per language (a message template, a help page): exactly
    /// one of <see cref="Supported"/>'s codes, or a refusal naming them. Stricter than <see cref="Normalize"/>, which
    /// reads what browsers and voters send: a stored version keyed "fr-CA" would never be shown to anyone.
    /// </summary>
    public static string Exact(string? language) =>
        Supported.Any(l => l.Code == language)
            ? language!
            : throw new Infrastructure.DomainException("unknown-language",
                $"'{language}' is not one of Ballotline's languages: {string.Join(", ", Supported.Select(l => l.Code))}.");

    /// <summary>The language of the request being served (the one its pages are rendered in).</summary>
    public static string Current => Normalize(CultureInfo.CurrentUICulture.Name) ?? Default;

    /// <summary>The request's language when the request named one (link, switch or browser); null when it said nothing.</summary>
    public static string? Chosen(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IRequestCultureFeature>()?.Provider is null ? null : Current;
    }

    /// <summary>
    /// Renders what follows in <paramref name="language"/> (a voter's stored one, or the default): background work such
    /// as mail has no request to take a culture from. Dispose to return to the previous culture.
    /// </summary>
    public static IDisposable Use(string? language) => new CultureScope(CultureInfo.GetCultureInfo(Normalize(language) ?? Default));

    public static IServiceCollection AddVoterLanguages(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Only the words change with the language; numbers and dates keep one format (the pages show times in
            // the reader's own zone and language through <local-time>), so nothing a program reads depends on it.
            o.DefaultRequestCulture = new RequestCulture(Default);
            o.SupportedCultures = [CultureInfo.GetCultureInfo(Default)];
            o.SupportedUICultures = [.. Supported.Select(l => CultureInfo.GetCultureInfo(l.Code))];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UseVoterLanguages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestLocalization();
        // A language given in the link (an invitation's ?culture=fr) is kept for the pages that follow: when the
        // query string is what chose this request's language (an unknown one chooses nothing), remember it.
        app.Use((context, next) =>
        {
            if (context.Features.Get<IRequestCultureFeature>()?.Provider is QueryStringRequestCultureProvider)
            {
                Remember(context.Response, Current);
            }

            return next(context);
        });
        return app;
    }

    /// <summary>The cookie that keeps a chosen language for a year (not a tracker: it holds only the language code).</summary>
    public static void Remember(HttpResponse response, string language)
    {
        ArgumentNullException.ThrowIfNull(response);
        var culture = new RequestCulture(Normalize(language) ?? Default);
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(culture),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps });
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture) => CultureInfo.CurrentUICulture = culture;

        public void Dispose() => CultureInfo.CurrentUICulture = _previous;
    }
}
