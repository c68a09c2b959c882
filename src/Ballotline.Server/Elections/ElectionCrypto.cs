using System.Collections.Concurrent;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Trustees;
using Ballotline.Server.Infrastructure;

namespace Ballotline.Server.Elections;

/// <summary>
/// Creates an election's 1-of-1 trustee key when registration opens, sealed under the organiser's key passphrase
/// (which is never stored, so neither the database nor the data directory can decrypt a ballot), and caches each
/// election's <see cref="ElectionContext"/> (derived from stored public data, so safe per instance).
/// </summary>
public sealed class ElectionCrypto
{
    private readonly ConcurrentDictionary<string, ElectionContext> _contexts = new(StringComparer.Ordinal);

    /// <summary>Runs the single-trustee ceremony and stores the public context and the key sealed under <paramref name="passphrase"/> on the election.</summary>
    public void CreateKeys(Election election, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(election);
        CheckPassphrase(passphrase);
        var manifest = ValidManifest(election);
        var polynomial = TrusteePolynomial.Generate(1, 1);
        var commitments = new[] { polynomial.Commit(ElectionContext.ComputeBaseHash(manifest, 1, 1)) };
        var context = KeyCeremony.CreateContext(manifest, 1, 1, commitments);
        var key = KeyCeremony.CombineShares(1, commitments, new Dictionary<int, Scalar> { [1] = polynomial.ShareFor(1) });
        var sealedKey = SealedTrusteeKey.Seal(key.Secret, passphrase!, context.BaseHash);
        Publish(election, manifest, commitments, context, CryptoJson.Serialize(sealedKey));
    }

    /// <summary>k-of-n: the context from the trustees' ceremony (their commitments, verified here); the server holds no key.</summary>
    public void UseCeremony(Election election, IReadOnlyList<TrusteeCommitment> commitments)
    {
        ArgumentNullException.ThrowIfNull(election);
        var manifest = ValidManifest(election);
        ElectionContext context;
        try
        {
            context = KeyCeremony.CreateContext(manifest, election.TrusteeCount, election.Quorum, commitments);
        }
        catch (TrusteeException e)
        {
            throw new DomainException("ceremony-rejected", $"The trustees' commitments do not verify ({e.Check}, trustee(s) {string.Join(", ", e.Trustees)}): {e.Message}");
        }

        Publish(election, manifest, commitments, context, sealedKey: null);
    }

    public ElectionContext Context(Election election)
    {
        ArgumentNullException.ThrowIfNull(election);
        if (election.ContextHash is null || election.ManifestJson is null || election.CommitmentsJson is null)
        {
            throw new DomainException("no-keys", "This election has no keys yet: registration has not been opened.", StatusCodes.Status409Conflict);
        }

        return _contexts.GetOrAdd(election.ContextHash, _ => KeyCeremony.CreateContext(
            CryptoJson.Deserialize<ElectionManifest>(election.ManifestJson), election.TrusteeCount, election.Quorum, Commitments(election)));
    }

    public IReadOnlyList<TrusteeCommitment> Commitments(Election election)
    {
        ArgumentNullException.ThrowIfNull(election);
        return CryptoJson.Deserialize<TrusteeCommitment[]>(election.CommitmentsJson ?? "[]");
    }

    /// <summary>The 1-of-1 trustee key, opened with the organiser's passphrase; a clear refusal when it is missing or wrong.</summary>
    public TrusteeKey TrusteeKey(Election election, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(election);
        var sealedKey = CryptoJson.Deserialize<SealedTrusteeKey>(election.SealedTrusteeKey
            ?? throw new DomainException("no-keys", "This election has no trustee key.", StatusCodes.Status409Conflict));
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new DomainException("key-passphrase-required", "Counting the votes needs the election key passphrase chosen when registration was opened.");
        }

        try
        {
            return Ballotline.Crypto.Trustees.TrusteeKey.Restore(1, sealedKey.Open(passphrase, Context(election).BaseHash), Commitments(election));
        }
        catch (TrusteeException e) when (e.Check == "key.passphrase")
        {
            throw new DomainException("key-passphrase-wrong", "That is not the election key passphrase: the key did not open. Nothing was changed.", StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>Refuses, before anything is created, a key passphrase that is missing, too short or too long.</summary>
    public static void CheckPassphrase(string? passphrase)
    {
        try
        {
            SealedTrusteeKey.CheckPassphrase(passphrase);
        }
        catch (TrusteeException e)
        {
            throw new DomainException(string.IsNullOrEmpty(passphrase) ? "key-passphrase-required" : "key-passphrase-invalid",
                (string.IsNullOrEmpty(passphrase) ? "Opening registration creates the election key, sealed under a passphrase only you will know: give one. " : string.Empty) + e.Message);
        }
    }

    private static ElectionManifest ValidManifest(Election election)
    {
        var manifest = election.ToManifest();
        try
        {
            manifest.Validate();
            return manifest;
        }
        catch (Ballotline.Crypto.CryptoFormatException e)
        {
            throw new DomainException("invalid-manifest", "The contests cannot be used for a ballot: " + e.Message);
        }
    }

    private void Publish(Election election, ElectionManifest manifest, IReadOnlyList<TrusteeCommitment> commitments, ElectionContext context, string? sealedKey)
    {
        election.ManifestJson = CryptoJson.Serialize(manifest);
        election.CommitmentsJson = CryptoJson.Serialize(commitments);
        election.ContextHash = context.ExtendedHashHex;
        election.SealedTrusteeKey = sealedKey;
        _contexts[context.ExtendedHashHex] = context;
    }
}
