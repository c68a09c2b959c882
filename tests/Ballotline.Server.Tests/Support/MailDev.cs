using System.Net.Http.Json;
using System.Text.Json;

namespace Ballotline.Server.Tests;

/// <summary>maildev, the real SMTP server ./test.sh starts: the port to send to, and what it received.</summary>
internal static class MailDev
{
    public static string SmtpPort => Environment.GetEnvironmentVariable("BALLOTLINE_TEST_SMTP_PORT") ?? "55025";

    private static string Api => Environment.GetEnvironmentVariable("BALLOTLINE_TEST_MAILDEV")
        ?? throw new InvalidOperationException("BALLOTLINE_TEST_MAILDEV is not set: run the tests with ./test.sh, which starts maildev on 127.0.0.1.");

    /// <summary>Every message received for an address <paramref name="to"/> accepts, in the order received.</summary>
    public static async Task<List<JsonElement>> ReceivedAsync(Func<string, bool> to)
    {
        using var http = new HttpClient();
        var all = await http.GetFromJsonAsync<List<JsonElement>>($"{Api}/api/email");
        return [.. all!.Where(m => m.GetProperty("to").EnumerateArray().Any(t => to(t.GetProperty("address").GetString()!)))];
    }

    /// <summary>Every message received for an address at <paramref name="domain"/>.</summary>
    public static Task<List<JsonElement>> ToDomainAsync(string domain) => ReceivedAsync(address => address.EndsWith("@" + domain, StringComparison.Ordinal));
}
