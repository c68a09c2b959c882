using Ballotline.Crypto.Election;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;
using Ballotline.Crypto.Verification;

namespace Ballotline.Crypto.Ballots;

/// <summary>
/// Verifies an encrypted ballot from public data only: it is for this election, its contests and selections
/// match the manifest one for one, every selection encrypts 0 or 1, and every contest's sum is within limits.
/// </summary>
public static class BallotVerifier
{
    /// <summary>Runs every check above on the ballot; each failure is reported, none stops the others.</summary>
    /// <param name="context">The election the ballot must belong to.</param>
    /// <param name="ballot">The encrypted ballot.</param>
    /// <param name="arithmetic">Which secp256k1 implementation checks the proofs: the same verdict either way (see <see cref="PublicArithmetic"/>).</param>
    public static VerificationResult Verify(ElectionContext context, EncryptedBallot ballot, PublicArithmetic arithmetic = PublicArithmetic.Native)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ballot);
        return Verify(context, ballot, (proof, ciphertext, min, max, proofContext) => proof.Verify(ciphertext, min, max, context.PublicKey, proofContext, arithmetic));
    }

    /// <summary>
    /// The commitments of each of the ballot's range proofs, recomputed from public data, in the order a v4 election
    /// record publishes them (docs/election-record.md): contest by contest, each selection's proof, then the
    /// contest's sum proof; each as its commitments' 33-byte encodings a_0, b_0, a_1, b_1, … concatenated. The
    /// ballot must be valid (<see cref="Verify(ElectionContext, EncryptedBallot, PublicArithmetic)"/>): this
    /// checks nothing.
    /// </summary>
    public static IReadOnlyList<byte[]> ProofCommitments(ElectionContext context, EncryptedBallot ballot, PublicArithmetic arithmetic = PublicArithmetic.Native)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ballot);
        var all = new List<byte[]>();
        Verify(context, ballot, (proof, ciphertext, min, _, _) =>
        {
            all.Add(proof.RecomputeCommitments(ciphertext, min, context.PublicKey, arithmetic));
            return null;
        });
        return all;
    }

    /// <summary>Checks one range proof: the ciphertext it is about, its range and the context its hash binds.</summary>
    internal delegate VerificationFailure? ProofCheck(RangeProof proof, ElGamalCiphertext ciphertext, long min, long max, ProofContext context);

    /// <summary>Every structural check of the ballot, with each range proof (in record order) checked by <paramref name="checkProof"/>.</summary>
    internal static VerificationResult Verify(ElectionContext context, EncryptedBallot ballot, ProofCheck checkProof)
    {
        var checks = new VerificationCollector();
        checks.Check(string.Equals(ballot.Version, EncryptedBallot.CurrentVersion, StringComparison.Ordinal), "ballot.version",
            $"The ballot format '{ballot.Version}' is not '{EncryptedBallot.CurrentVersion}'.");
        checks.Check(string.Equals(ballot.ContextHash, context.ExtendedHashHex, StringComparison.Ordinal), "ballot.election",
            "The ballot was made for another election (its context hash differs).");
        var manifest = context.Manifest.Contests;
        if (ballot.Contests.Count != manifest.Count)
        {
            checks.Check(false, "ballot.contests", $"The ballot has {ballot.Contests.Count} contests; the election has {manifest.Count}.");
            return checks.Result();
        }

        for (var c = 0; c < manifest.Count; c++)
        {
            VerifyContest(context, manifest[c], ballot.Contests[c], checkProof, checks, $"ballot.contest[{manifest[c].Id}]");
        }

        return checks.Result();
    }

    private static void VerifyContest(ElectionContext context, ContestDescription description, EncryptedContest contest, ProofCheck checkProof, VerificationCollector checks, string where)
    {
        if (!string.Equals(contest.ContestId, description.Id, StringComparison.Ordinal))
        {
            checks.Check(false, $"{where}.id", $"Contest '{contest.ContestId}' stands where the manifest has '{description.Id}'.");
            return;
        }

        if (contest.Selections.Count != description.Candidates.Count)
        {
            checks.Check(false, $"{where}.selections", $"The contest has {contest.Selections.Count} selections; it must have one per candidate ({description.Candidates.Count}).");
            return;
        }

        for (var i = 0; i < description.Candidates.Count; i++)
        {
            var selection = contest.Selections[i];
            var candidate = description.Candidates[i];
            var at = $"{where}.selection[{candidate}]";
            if (!string.Equals(selection.CandidateId, candidate, StringComparison.Ordinal))
            {
                checks.Check(false, $"{at}.id", $"Candidate '{selection.CandidateId}' stands where the manifest has '{candidate}'.");
                continue;
            }

            checks.Check(!selection.Ciphertext.Pad.IsIdentity && !selection.Ciphertext.Data.IsIdentity, $"{at}.ciphertext", "A ciphertext component is the identity.");
            checks.Add(checkProof(selection.Proof, selection.Ciphertext, 0, 1,
                context.ProofContext(ElectionContext.SelectionSubject(description.Id, candidate))), $"{at}.range-proof");
        }

        checks.Add(checkProof(contest.SumProof, contest.Sum(), description.MinSelections, description.MaxSelections,
            context.ProofContext(ElectionContext.ContestSubject(description.Id))), $"{where}.sum-proof");
    }
}
