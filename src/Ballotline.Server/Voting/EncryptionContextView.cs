using Ballotline.Crypto.Election;
using Ballotline.Crypto.Serialization;

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
}

public sealed record ContestEncryptionView(string Id, IReadOnlyList<string> Candidates, int MinSelections, int MaxSelections);
