using Ballotline.Crypto.Election;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Trustees;

namespace Ballotline.Server.Voting;

/// <summary>
/// What a voter's device needs to encrypt a ballot for this election — all public: the election key, the
/// extended context hash every proof is bound to, and the contests in manifest order. The manifest and the
/// trustees' commitments are included so that a device can rebuild the context and check the hash itself.
/// </summary>
public sealed record EncryptionContextView(string PublicKey, string ExtendedHash, IReadOnlyList<ContestEncryptionView> Contests, string ManifestJson, string CommitmentsJson, int Trustees, int Quorum)
{
    public static EncryptionContextView Of(ElectionContext context, string commitmentsJson)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(
            context.PublicKey.Element.ToHex(), context.ExtendedHashHex,
            [.. context.Manifest.Contests.Select(c => new ContestEncryptionView(c.Id, c.Candidates, c.MinSelections, c.MaxSelections))],
            CryptoJson.Serialize(context.Manifest), commitmentsJson, context.TrusteeCount, context.Quorum);
    }

    /// <summary>
    /// What a device does before encrypting: rebuild the context from the published manifest and commitments (every
    /// trustee's proofs checked) and refuse it unless it has the hash and key the server announced.
    /// </summary>
    public ElectionContext Rebuild()
    {
        var context = KeyCeremony.CreateContext(CryptoJson.Deserialize<ElectionManifest>(ManifestJson), Trustees, Quorum, CryptoJson.Deserialize<TrusteeCommitment[]>(CommitmentsJson));
        return context.ExtendedHashHex == ExtendedHash && context.PublicKey.Element.ToHex() == PublicKey
            ? context
            : throw new InvalidOperationException("The server's encryption context does not match its own manifest and commitments: refusing to encrypt for it.");
    }
}

public sealed record ContestEncryptionView(string Id, IReadOnlyList<string> Candidates, int MinSelections, int MaxSelections);
