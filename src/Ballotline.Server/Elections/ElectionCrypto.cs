using System.Collections.Concurrent;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Trustees;
using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace Ballotline.Server.Elections;

/// <summary>
/// Creates an election's 1-of-1 trustee key when registration opens, keeps it encrypted at rest, and caches
/// each election's <see cref="ElectionContext"/> (derived from stored public data, so safe per instance).
/// </summary>
public sealed class ElectionCrypto(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Ballotline.TrusteeKey.v1");
    private readonly ConcurrentDictionary<string, ElectionContext> _contexts = new(StringComparer.Ordinal);

    /// <summary>Runs the single-trustee ceremony and stores the public context and the protected key on the election.</summary>
    public void CreateKeys(Election election)
    {
        ArgumentNullException.ThrowIfNull(election);
        var manifest = ValidManifest(election);
        var polynomial = TrusteePolynomial.Generate(1, 1);
        var commitments = new[] { polynomial.Commit(ElectionContext.ComputeBaseHash(manifest, 1, 1)) };
        var context = KeyCeremony.CreateContext(manifest, 1, 1, commitments);
        var key = KeyCeremony.CombineShares(1, commitments, new Dictionary<int, Scalar> { [1] = polynomial.ShareFor(1) });
        Publish(election, manifest, commitments, context, _protector.Protect(key.Secret.ToHex()));
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

        Publish(election, manifest, commitments, context, protectedKey: null);
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

    public TrusteeKey TrusteeKey(Election election)
    {
        ArgumentNullException.ThrowIfNull(election);
        var secret = Scalar.FromHex(_protector.Unprotect(election.ProtectedTrusteeKey
            ?? throw new DomainException("no-keys", "This election has no trustee key.", StatusCodes.Status409Conflict)));
        return Ballotline.Crypto.Trustees.TrusteeKey.Restore(1, secret, Commitments(election));
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

    private void Publish(Election election, ElectionManifest manifest, IReadOnlyList<TrusteeCommitment> commitments, ElectionContext context, string? protectedKey)
    {
        election.ManifestJson = CryptoJson.Serialize(manifest);
        election.CommitmentsJson = CryptoJson.Serialize(commitments);
        election.ContextHash = context.ExtendedHashHex;
        election.ProtectedTrusteeKey = protectedKey;
        _contexts[context.ExtendedHashHex] = context;
    }
}
