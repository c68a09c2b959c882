using System.Text.RegularExpressions;

namespace Ballotline.Server.Operations;

/// <summary>
/// The voter guide and the support staff guide of docs/guides, built into the server and served under Help with
/// their screenshots (which the Chromium guide test regenerates, so the guides cannot drift from the product).
/// </summary>
public static partial class Guides
{
    public static IReadOnlyDictionary<string, string> Titles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["voter"] = "Voter guide",
        ["support"] = "Support staff guide",
    };

    /// <summary>The guide's Markdown with its pictures pointing at <see cref="MapGuides"/>'s image route, or null.</summary>
    public static string? Markdown(string name)
    {
        if (!Titles.ContainsKey(name))
        {
            return null;
        }

        using var stream = typeof(Guides).Assembly.GetManifestResourceStream($"guides/{name}-guide.md");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("](images/", "](/help/guides/images/", StringComparison.Ordinal);
    }

    public static IEndpointRouteBuilder MapGuides(this IEndpointRouteBuilder app)
    {
        app.MapGet("/help/guides/images/{file}", Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.FileStreamHttpResult, Microsoft.AspNetCore.Http.HttpResults.NotFound> (string file) =>
        {
            if (!ImageName().IsMatch(file))
            {
                return TypedResults.NotFound();
            }

            var stream = typeof(Guides).Assembly.GetManifestResourceStream($"guides/images/{file}");
            return stream is null ? TypedResults.NotFound() : TypedResults.Stream(stream, "image/png");
        }).ExcludeFromDescription();
        return app;
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}\\.png$")]
    private static partial Regex ImageName();
}
