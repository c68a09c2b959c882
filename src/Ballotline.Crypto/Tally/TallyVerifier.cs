using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Trustees;
using Ballotline.Crypto.Verification;

namespace Ballotline.Crypto.Tally;

/// <summary>
/// Re-checks a published tally from public data only: every ballot's proofs, the homomorphic product of the
/// ballots against the published encrypted totals, every decryption proof, and the counts.
/// </summary>
public static class TallyVerifier
{
    /// <summary>Re-checks a published tally: the encrypted totals are the product of the counted ballots, every decryption share carries a valid proof against its trustee's commitments, and every count is the decryption.</summary>
    public static VerificationResult Verify(
        ElectionContext context, IReadOnlyList<TrusteeCommitment> commitments, IEnumerable<EncryptedBallot> ballots, TallyResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ballots);
        ArgumentNullException.ThrowIfNull(result);
        var checks = new VerificationCollector();
        var tally = new EncryptedTally(context.Manifest);
        var index = 0;
        foreach (var ballot in ballots)
        {
            var ballotResult = BallotVerifier.Verify(context, ballot);
            checks.Merge(ballotResult, $"ballots[{index}]");
            if (ballotResult.IsValid)
            {
                tally.Add(ballot);
            }

            index++;
        }

        checks.Check(result.Positions.SequenceEqual(tally.Positions), "tally.positions",
            "The tally's positions do not follow the manifest's contests and candidates in order: a count could be credited to the wrong candidate.");
        checks.Check(tally.BallotCount == result.BallotCount, "tally.ballot-count", $"The tally claims {result.BallotCount} ballots; {tally.BallotCount} valid ballots were given.");
        var recomputed = tally.Ciphertexts();
        checks.Check(recomputed.Count == result.EncryptedTotals.Count && recomputed.SequenceEqual(result.EncryptedTotals), "tally.encrypted-totals",
            "The published encrypted totals are not the product of the ballots.");
        checks.Merge(ThresholdDecryption.Verify(context, commitments, recomputed, result.Decryptions, result.Counts), "tally");
        return checks.Result();
    }
}
