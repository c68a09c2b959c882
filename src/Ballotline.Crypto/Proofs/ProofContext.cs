using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.Proofs;

/// <summary>
/// What a proof is bound to: the election's context hash and the subject inside it (a contest, a selection,
/// a trustee). Both enter the Fiat–Shamir hash, so a proof made for one election or contest fails anywhere else.
/// </summary>
public sealed record ProofContext(ReadOnlyMemory<byte> ElectionHash, string Subject)
{
    internal Transcript Start(string domain) => new Transcript(domain).Bytes(ElectionHash.Span).Text(Subject);

    /// <summary>The same context for another subject (what the proof is about, e.g. a selection's id), hashed into its challenge.</summary>
    public ProofContext For(string subject) => this with { Subject = subject };
}
