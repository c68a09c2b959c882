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

        var rpc = new Option<string?>("--rpc") { Description = "A JSON-RPC endpoint of the election's chain: the closed ballot log you decrypt the sum of must be the largest the announced contract has anchored" };
        var announcement = new Option<string?>("--announcement") { Description = "The election's announcement (a file, or its URL /api/elections/SLUG/announcement), kept from before voting: names the chain, the contract and its authority" };
        var withoutChain = new Option<bool>("--without-chain") { Description = "Decrypt without checking the log against the chain (an embedded chain, which the server runs itself): the server's log is trusted to be the whole one" };
        var decrypt = new Command("decrypt", "After voting closes: check the closed ballot log, then decrypt your share of its sum, with proofs") { key, rpc, announcement, withoutChain };
        decrypt.SetAction((result, ct) => RunAsync(async client =>
        {
            _ = TrusteeKeyFile.Read(result.GetValue(key)!); // without a key file, that is what to say first
            ChainCheck? chain = null;
            if (result.GetValue(rpc) is { } rpcUrl && result.GetValue(announcement) is { } announced)
            {
                if (!Uri.TryCreate(rpcUrl, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
                {
                    throw new InvalidOperationException($"--rpc must be an http(s) URL, not '{rpcUrl}'.");
                }

                chain = new ChainCheck(await Ballotline.Verifier.ElectionAnnouncement.ReadAsync(announced, ct), rpcUrl);
            }
            else if (!result.GetValue(withoutChain))
            {
                throw new InvalidOperationException("Give --rpc URL and --announcement FILE|URL, so that what you decrypt is checked against the election's anchors on the chain; or --without-chain to decrypt without that check.");
            }

            await client.DecryptAsync(result.GetValue(key)!, chain, ct);
        }));

        var status = new Command("status", "Where the ceremony stands for you and the other trustees") { key };
        status.SetAction((result, ct) => RunAsync(async client =>
        {
            var view = await client.StatusAsync(result.GetValue(key)!, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"'{view.Election}': trustee {view.Index} of {view.Trustees} ({view.Quorum} needed), stage: {view.Stage}"));
            foreach (var t in view.Others)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {t.Index} {t.Name}: {(t.Commitment is null ? "—" : "committed, fingerprint " + TrusteeClient.Fingerprint(t.Commitment, t.TransportKey!))}, {(t.Shared ? "dealt" : "—")}, {(t.Confirmed ? "confirmed" : "—")}, {(t.Decrypted ? "decrypted" : "—")}"));
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
        catch (Exception e) when (e is TrusteeServerException or InvalidOperationException or FileNotFoundException or InvalidDataException or HttpRequestException or Ballotline.Crypto.CryptoFormatException or PlatformNotSupportedException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
