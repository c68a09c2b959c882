using System.Globalization;
using System.Text.Json;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Trustees;

namespace Ballotline.TrusteeTool;

/// <summary>
/// A trustee's side of the key ceremony and the tally decryption, run on the trustee's own machine. Each step
/// reads the server's public data, does the secret work locally with the crypto library, saves the key file, and
/// sends only public values or sealed envelopes.
/// </summary>
/// <remarks>
/// <paramref name="handler"/> carries the HTTP requests (tests record them to check them against the server's
/// OpenAPI document); by default a plain socket handler.
/// </remarks>
public sealed class TrusteeClient(TextWriter output, HttpMessageHandler? handler = null)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Round 1: a fresh polynomial and transport key, saved to <paramref name="keyFile"/>, and their public commitments sent.</summary>
    public async Task KeygenAsync(Uri server, string token, FileInfo keyFile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keyFile);
        if (File.Exists(keyFile.FullName))
        {
            throw new InvalidOperationException($"{keyFile.FullName} already exists: a trustee key is never overwritten. Choose another file.");
        }

        using var api = new TrusteeServer(server, token, handler);
        var view = await api.ViewAsync(ct);
        Expect(view, "commit");

        // The base hash binds the commitments to this ballot and this k-of-n: recompute it rather than trust it.
        var manifest = CryptoJson.Deserialize<ElectionManifest>(view.ManifestJson);
        var baseHash = ElectionContext.ComputeBaseHash(manifest, view.Trustees, view.Quorum);
        if (Convert.ToHexStringLower(baseHash) != view.BaseHash)
        {
            throw new InvalidOperationException("The server's base hash does not match the election's manifest: refusing to commit.");
        }

        // Everything computed before the key file is written: a step that cannot finish (on a platform without
        // libsecp256k1, say) leaves no key file behind that a later keygen would refuse to overwrite.
        var polynomial = TrusteePolynomial.Generate(view.Index, view.Quorum);
        var transport = Scalar.Random();
        var commitment = polynomial.Commit(baseHash);
        var transportKey = GroupElement.GeneratorSecretPower(transport).ToHex();
        var key = new TrusteeKeyFile(TrusteeKeyFile.CurrentVersion, server.ToString(), token, view.ElectionId, view.Election, view.Index, view.Trustees, view.Quorum,
            view.BaseHash, [.. polynomial.Coefficients.Select(c => c.ToHex())], transport.ToHex(), null);
        key.Write(keyFile);
        output.WriteLine(string.Create(Invariant, $"Saved your secret key file to {keyFile.FullName} (readable by you only). Keep it safe: the tally needs it."));

        await api.PutAsync("commitment", new { commitment = Json(commitment), transportKey }, ct);
        output.WriteLine(string.Create(Invariant, $"Trustee {view.Index} of {view.Trustees} ({view.Quorum} needed) committed for '{view.Election}'."));
        output.WriteLine($"Your fingerprint (read it to the other trustees): {Fingerprint(commitment, transportKey)}");
        output.WriteLine("Next, when every trustee has committed: ballotline-trustee share --key " + keyFile.Name);
    }

    /// <summary>Round 2: a share for every other trustee, sealed to their transport key.</summary>
    public async Task ShareAsync(FileInfo keyFile, CancellationToken ct)
    {
        var (key, api, view) = await OpenAsync(keyFile, "share", ct);
        using var _ = api;
        var polynomial = new TrusteePolynomial(key.Index, [.. key.Coefficients.Select(Scalar.FromHex)]);
        var baseHash = Convert.FromHexString(key.BaseHash);
        output.WriteLine("Dealing to the trustees with these fingerprints (each must be the one its trustee read out; run status to see them before share):");
        foreach (var other in view.Others.Where(o => o.Index != key.Index))
        {
            output.WriteLine(string.Create(Invariant, $"  trustee {other.Index} ({other.Name}): {Fingerprint(other.Commitment!, other.TransportKey!)}"));
        }

        var envelopes = view.Others.Where(o => o.Index != key.Index).Select(o => ShareEnvelope.Seal(
            polynomial.ShareFor(o.Index), key.Index, o.Index, GroupElement.FromHex(o.TransportKey!), baseHash)).ToList();
        await api.PutAsync("shares", new { envelopes = Json(envelopes) }, ct);
        output.WriteLine(string.Create(Invariant, $"Dealt {envelopes.Count} sealed shares."));

        output.WriteLine("Next, when every trustee has dealt: ballotline-trustee combine --key " + keyFile.Name);
    }

    /// <summary>Round 3: the shares dealt to this trustee opened, checked against their dealers' commitments, and combined.</summary>
    public async Task CombineAsync(FileInfo keyFile, CancellationToken ct)
    {
        var (key, api, view) = await OpenAsync(keyFile, "combine", ct);
        using var _ = api;
        var polynomial = new TrusteePolynomial(key.Index, [.. key.Coefficients.Select(Scalar.FromHex)]);
        var transport = Scalar.FromHex(key.TransportSecret);
        var baseHash = Convert.FromHexString(key.BaseHash);
        var shares = view.EnvelopesForMe.ToDictionary(e => e.Dealer, e => e.Open(transport, baseHash));
        shares[key.Index] = polynomial.ShareFor(key.Index);
        var commitments = view.Others.Select(o => o.Commitment!).ToList();
        var share = KeyCeremony.CombineShares(key.Index, commitments, shares); // names any dealer whose share is inconsistent
        (key with { KeyShare = share.Secret.ToHex() }).Write(keyFile);
        await api.PutAsync("confirmation",
            new { verificationKey = GroupElement.GeneratorSecretPower(share.Secret).ToHex() }, ct);
        output.WriteLine(string.Create(Invariant, $"Every share dealt to trustee {key.Index} checked out; your key share is saved in {keyFile.Name}."));
        output.WriteLine($"Ceremony fingerprint (the same for every trustee): {Convert.ToHexStringLower(KeyCeremony.CommitmentsHash(commitments))[..16]}");
        output.WriteLine("After voting closes: ballotline-trustee decrypt --key " + keyFile.Name + " --rpc <a JSON-RPC endpoint of the chain> --announcement <the announcement you keep from before voting>");
    }

    /// <summary>
    /// After voting closes: this trustee's share of the tally's decryption, with proofs — of totals recomputed here
    /// from the closed ballot log (<see cref="ClosedLog"/>), and, with <paramref name="chain"/>, of the log the
    /// announced contract has anchored. Without it the log is trusted to be the whole one (the output says so).
    /// </summary>
    public async Task DecryptAsync(FileInfo keyFile, ChainCheck? chain, CancellationToken ct)
    {
        var (key, api, view) = await OpenAsync(keyFile, "decrypt", ct);
        using var _ = api;
        if (key.KeyShare is null)
        {
            throw new InvalidOperationException("This key file has no key share: the ceremony's combine step was not run with it.");
        }

        var commitments = view.Others.Select(o => o.Commitment!).ToList();
        var context = KeyCeremony.CreateContext(CryptoJson.Deserialize<ElectionManifest>(view.ManifestJson), view.Trustees, view.Quorum, commitments);
        output.WriteLine("Checking the closed ballot log the totals must be the sum of…");
        var totals = await api.EncryptedTotalsAsync(ct);
        ClosedLog log;
        await using (var ballots = await api.BallotLogAsync(ct))
        {
            log = await ClosedLog.RecomputeAsync(context, ballots, totals, output, ct);
        }

        if (chain is not null)
        {
            await log.CheckAgainstChainAsync(context, chain.Announcement, chain.RpcUrl);
            output.WriteLine(string.Create(Invariant, $"The log ({log.Ballots} ballots, root {log.Root[..16]}…) is the one the announced contract has anchored."));
        }
        else
        {
            output.WriteLine(string.Create(Invariant,
                $"NOT CHECKED AGAINST THE CHAIN: decrypting the sum of the {log.Ballots} ballots the server calls its closed log (root {log.Root[..16]}…). Compare that root with the last anchor on the chain."));
        }

        if (key.Decrypted is { } earlier && (earlier.Ballots != log.Ballots || earlier.Root != log.Root))
        {
            throw new InvalidOperationException(string.Create(Invariant,
                $"Refused to decrypt: this key already decrypted the sum of another log ({earlier.Ballots} ballots, root {earlier.Root[..16]}…); two different sums would let their difference reveal ballots. Nothing was decrypted."));
        }

        // Kept before the share leaves this machine: a later request for another log is refused even if this one fails on the way.
        key = key with { Decrypted = new DecryptedLog(log.Ballots, log.Root) };
        key.Write(keyFile);
        var partial = TrusteeKey.Restore(key.Index, Scalar.FromHex(key.KeyShare), commitments).Decrypt(context, log.Totals);
        var after = await api.PutAsync("decryption", new { decryption = Json(partial) }, ct);
        output.WriteLine(string.Create(Invariant, $"Trustee {key.Index} decrypted the {log.Totals.Count} encrypted totals; {after.Others.Count(o => o.Decrypted)} of {view.Quorum} needed have now decrypted."));
        output.WriteLine(after.Stage == "done" ? "The quorum is reached: the election is tallied." : "Waiting for the other trustees.");
    }

    /// <summary>Where the ceremony stands for this trustee and the others.</summary>
    public async Task<TrusteeView> StatusAsync(FileInfo keyFile, CancellationToken ct)
    {
        var key = TrusteeKeyFile.Read(keyFile);
        using var api = new TrusteeServer(new Uri(key.Server), key.Token, handler);
        return await api.ViewAsync(ct);
    }

    /// <summary>The key file, a client for its server, and the trustee's view — which must be at <paramref name="stage"/>.</summary>
    private async Task<(TrusteeKeyFile Key, TrusteeServer Api, TrusteeView View)> OpenAsync(FileInfo keyFile, string stage, CancellationToken ct)
    {
        var key = TrusteeKeyFile.Read(keyFile);
        var api = new TrusteeServer(new Uri(key.Server), key.Token, handler);
        try
        {
            var view = await api.ViewAsync(ct);
            Expect(view, stage);
            return (key, api, view);
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    private static void Expect(TrusteeView view, string stage)
    {
        if (view.Stage != stage)
        {
            throw new InvalidOperationException($"The ceremony for '{view.Election}' is at '{view.Stage}' for trustee {view.Index}, not '{stage}'. {Hint(view.Stage)}");
        }
    }

    private static string Hint(string stage) => stage switch
    {
        "commit" => "Run: ballotline-trustee keygen.",
        "waiting-for-commitments" => "Wait until every trustee has run keygen.",
        "share" => "Run: ballotline-trustee share.",
        "waiting-for-shares" => "Wait until every trustee has run share.",
        "combine" => "Run: ballotline-trustee combine.",
        "decrypt" => "Run: ballotline-trustee decrypt.",
        "done" => "The election is tallied.",
        _ => "Nothing to do for now.",
    };

    private static JsonElement Json<T>(T value) => JsonDocument.Parse(CryptoJson.Serialize(value)).RootElement;

    /// <summary>
    /// A short digest of a trustee's commitments and transport key, for trustees to compare out of band before they
    /// deal their shares: the first 16 hex digits of SHA-256(commitments hash ‖ 33-byte transport key). The transport
    /// key is in it because a server that showed a dealer its own transport key in a trustee's place would open the
    /// share sealed to it; with the commitments alone that swap left every fingerprint the same.
    /// </summary>
    internal static string Fingerprint(TrusteeCommitment commitment, string transportKey) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. KeyCeremony.CommitmentsHash([commitment]), .. GroupElement.FromHex(transportKey).Encode()]))[..16];
}
