using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Tests;

/// <summary>
/// An instrument for the proof that no voter text is hard-coded: every string the product's localizer returns is
/// wrapped in ⟦…⟧, so a word on a page outside the marks did not come from the resources. It also records every
/// look-up a non-English language has no translation for. The product's own resources answer underneath.
/// </summary>
internal sealed class MarkedWords : IStringLocalizerFactory
{
    public const string Open = "⟦";
    public const string Close = "⟧";

    // The product's resources as AddLocalization() reads them (default options: resources beside their class).
    private readonly ResourceManagerStringLocalizerFactory _resources = new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    /// <summary>Look-ups with no translation in the language asked for (English needs none: its keys are its text).</summary>
    public ConcurrentDictionary<string, string> Untranslated { get; } = new(StringComparer.Ordinal);

    public void Install(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory>(this));

    public IStringLocalizer Create(Type resourceSource) => new Marking(_resources.Create(resourceSource), this);

    public IStringLocalizer Create(string baseName, string location) => new Marking(_resources.Create(baseName, location), this);

    private sealed class Marking(IStringLocalizer inner, MarkedWords owner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Mark(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Mark(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private LocalizedString Mark(LocalizedString found)
        {
            if (found.ResourceNotFound && !CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal))
            {
                owner.Untranslated[found.Name] = CultureInfo.CurrentUICulture.Name;
            }

            return new LocalizedString(found.Name, Open + found.Value + Close, found.ResourceNotFound, found.SearchedLocation);
        }
    }
}
