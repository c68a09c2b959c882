using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ballotline.Verifier;

/// <summary>
/// What the organiser announced when registration opened, before anyone voted — the chain, the BallotLedger
/// contract, the authority address allowed to write to it, and the election's context hash — kept by voters and
/// observers from the election's page or their invitation. The record is checked against it, so a forger who
/// deploys their own contract and anchors forged roots there is caught: their contract or their authority is not
/// the announced one. Published as JSON at <c>/api/elections/{slug}/announcement</c>.
/// </summary>
public sealed partial record ElectionAnnouncement(long ChainId, string Contract, string Authority, string ContextHash)
{
    /// <summary>
    /// Reads an announcement from a file or an http(s) URL (through <paramref name="handler"/> when given); a
    /// malformed one is an error that says which field.
    /// </summary>
    public static async Task<ElectionAnnouncement> ReadAsync(string location, CancellationToken ct, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        string text;
        if (Uri.TryCreate(location, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.Timeout = TimeSpan.FromSeconds(30);
            text = await http.GetStringAsync(url, ct);
        }
        else
        {
            text = File.Exists(location) ? await File.ReadAllTextAsync(location, ct) : throw new FileNotFoundException($"No announcement at '{location}'.");
        }

        return Parse(text);
    }

    public static ElectionAnnouncement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("An announcement is a JSON object.");
        }

        var chainId = root.TryGetProperty("chainId", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var id) && id > 0
            ? id
            : throw new InvalidDataException("The announcement's chainId must be a positive integer.");
        return new ElectionAnnouncement(chainId, Text(root, "contract", Address()), Text(root, "authority", Address()), Text(root, "contextHash", ContextHashPattern()));
    }

    private static string Text(JsonElement root, string name, Regex pattern) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && pattern.IsMatch(value.GetString()!)
            ? value.GetString()!.ToLowerInvariant()
            : throw new InvalidDataException($"The announcement's {name} is missing or not in its documented form ({pattern}).");

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ContextHashPattern();
}
