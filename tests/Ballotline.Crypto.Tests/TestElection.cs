using Ballotline.Crypto.Election;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Trustees;

namespace Ballotline.Crypto.Tests;

/// <summary>A small election set up from scratch for each test: a manifest, trustees and their keys.</summary>
internal sealed class TestElection
{
    private TestElection(ElectionManifest manifest, int trustees, int quorum, NonceSource nonces)
    {
        Manifest = manifest;
        Nonces = nonces;
        var baseHash = ElectionContext.ComputeBaseHash(manifest, trustees, quorum);
        Polynomials = [.. Enumerable.Range(1, trustees).Select(i => TrusteePolynomial.Generate(i, quorum, nonces))];
        Commitments = [.. Polynomials.Select(p => p.Commit(baseHash, nonces))];
        Context = KeyCeremony.CreateContext(manifest, trustees, quorum, Commitments);
        Keys = [.. Enumerable.Range(1, trustees).Select(l =>
            KeyCeremony.CombineShares(l, Commitments, Polynomials.ToDictionary(p => p.TrusteeIndex, p => p.ShareFor(l))))];
    }

    public ElectionManifest Manifest { get; }

    public NonceSource Nonces { get; }

    public ElectionContext Context { get; }

    public IReadOnlyList<TrusteePolynomial> Polynomials { get; }

    public IReadOnlyList<TrusteeCommitment> Commitments { get; }

    public IReadOnlyList<TrusteeKey> Keys { get; }

    /// <summary>One contest, choose exactly one of five candidates: the benchmark's ballot.</summary>
    public static ElectionManifest OneOfFive(string electionId = "pilot-2026") =>
        new(electionId, [ContestDescription.ChooseExactly("mayor", 1, "alice", "bob", "carol", "dave", "erin")]);

    /// <summary>Two contests: one of three, and a committee where two or three of four may be chosen.</summary>
    public static ElectionManifest TwoContests() =>
        new("board-2026", [
            ContestDescription.ChooseExactly("chair", 1, "ann", "ben", "cat"),
            new ContestDescription("committee", ["dan", "eve", "fay", "gus"], 2, 3),
        ]);

    public static TestElection Create(ElectionManifest? manifest = null, int trustees = 1, int quorum = 1, string seed = "test") =>
        new(manifest ?? OneOfFive(), trustees, quorum, NonceSource.Deterministic(System.Text.Encoding.UTF8.GetBytes(seed)));
}
