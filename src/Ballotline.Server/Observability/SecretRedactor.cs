using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Ballotline.Server.Observability;

/// <summary>
/// Request paths and query strings end up in log events (ASP.NET Core's request scope). Invitation links and the
/// setup link carry single-use secrets in them, so those parts are replaced before anything is written; ballot
/// lookups carry tracking codes, which with the request's time and user could tie a voter to a ballot, so those go too.
/// </summary>
public sealed partial class SecretRedactor : ILogEventEnricher
{
    private static readonly string[] PathProperties = ["RequestPath", "Path", "QueryString", "Uri", "Url"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(propertyFactory);
        foreach (var name in PathProperties)
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string text })
            {
                var redacted = Redact(text);
                if (!ReferenceEquals(redacted, text))
                {
                    logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty(name, redacted));
                }
            }
        }
    }

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = SecretSegment().Replace(text, "$1[redacted]");
        result = SecretQuery().Replace(result, "$1[redacted]");
        return string.Equals(result, text, StringComparison.Ordinal) ? text : result;
    }

    [GeneratedRegex("(/register/|/api/registrations/|/api/ballots/)[^/?#]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretSegment();

    [GeneratedRegex("([?&](?:token|code)=)[^&#]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretQuery();
}
