using System.CommandLine;
using System.Globalization;
using Ballotline.Crypto.Trustees;

namespace Ballotline.TrusteeTool;

/// <summary>
/// <c>ballotline-trustee keygen | share | combine | decrypt | status</c>: a trustee's part of the k-of-n key
/// ceremony and of the tally, on the trustee's own machine. Secrets stay in the key file (<c>--key</c>).
/// </summary>
internal static class TrusteeCommand
{
    public static RootCommand Create()
    {
        var key = new Option<FileInfo>("--key") { Description = "Your trustee key file (created by keygen, readable by you only)", Required = true };
        var url = new Option<string>("--url") { Description = "The Ballotline server", Required = true };
        var token = new Option<string?>("--token") { Description = "Your trustee token from the administrator (otherwise BALLOTLINE_TRUSTEE_TOKEN)" };

        var keygen = new Command("keygen", "Round 1: create your secret polynomial and transport key, save them, and publish their commitments") { url, token, key };
        keygen.SetAction((result, ct) => RunAsync(async client =>
        {
            var given = result.GetValue(token) ?? Environment.GetEnvironmentVariable("BALLOTLINE_TRUSTEE_TOKEN");
            if (string.IsNullOrWhiteSpace(given))
            {
                throw new InvalidOperationException("Give your trustee token with --token or BALLOTLINE_TRUSTEE_TOKEN.");
            }

            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"--url must be an http(s) URL, not '{result.GetValue(url)}'.");
            }

            await client.KeygenAsync(server, given.Trim(), result.GetValue(key)!, ct);
        }));

        var share = new Command("share", "Round 2: deal each other trustee its share, sealed to their transport key") { key };
        share.SetAction((result, ct) => RunAsync(client => client.ShareAsync(result.GetValue(key)!, ct)));

        var combine = new Command("combine", "Round 3: open and check the shares dealt to you, combine your key share and confirm it") { key };
        combine.SetAction((result, ct) => RunAsync(client => client.CombineAsync(result.GetValue(key)!, ct)));

        var decrypt = new Command("decrypt", "After voting closes: decrypt your share of the tally, with proofs") { key };
        decrypt.SetAction((result, ct) => RunAsync(client => client.DecryptAsync(result.GetValue(key)!, ct)));

        var status = new Command("status", "Where the ceremony stands for you and the other trustees") { key };
        status.SetAction((result, ct) => RunAsync(async client =>
        {
            var view = await client.StatusAsync(result.GetValue(key)!, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"'{view.Election}': trustee {view.Index} of {view.Trustees} ({view.Quorum} needed), stage: {view.Stage}"));
            foreach (var t in view.Others)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {t.Index} {t.Name}: {(t.Commitment is null ? "—" : "committed")}, {(t.Shared ? "dealt" : "—")}, {(t.Confirmed ? "confirmed" : "—")}, {(t.Decrypted ? "decrypted" : "—")}"));
            }
        }));

        return new RootCommand("A Ballotline trustee's part of the k-of-n key ceremony and of the tally, on the trustee's own machine") { keygen, share, combine, decrypt, status };
    }

    private static async Task<int> RunAsync(Func<TrusteeClient, Task> step)
    {
        try
        {
            await step(new TrusteeClient(Console.Out));
            return 0;
        }
        catch (TrusteeException e)
        {
            await Console.Error.WriteLineAsync($"The ceremony cannot go on ({e.Check}, trustee(s) {string.Join(", ", e.Trustees)}): {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is TrusteeServerException or InvalidOperationException or FileNotFoundException or InvalidDataException or HttpRequestException or Ballotline.Crypto.CryptoFormatException or PlatformNotSupportedException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
