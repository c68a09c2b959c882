using Ballotline.Crypto.Election;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;
using Ballotline.Crypto.Verification;

namespace Ballotline.Crypto.Ballots;

/// <summary>
/// Verifies ballots published with their proofs' commitments (a v4 election record, docs/election-record.md)
/// many at a time, with the same verdict as <see cref="BallotVerifier"/> plus one more check: the published
/// commitments are the ones the proofs give. Each proof's hash is checked against its published commitments, and
/// all the proofs' equations are checked together (<see cref="ProofBatch"/>, random weights) — a few additions per
/// equation instead of a double multiplication each. When anything in a batch fails, every ballot of the batch is
/// verified again on its own, so a failure names its ballot and check exactly as <see cref="BallotVerifier"/> does
/// (or <c>….commitments</c> when a valid proof was published with other commitments). Arithmetic is BouncyCastle's.
/// </summary>
public static class BallotBatchVerifier
{
    /// <summary>Verifies each ballot against its published commitments; results are in the order given.</summary>
    /// <param name="context">The election the ballots must belong to.</param>
    /// <param name="ballots">Each ballot with its proofs' commitments in record order (<see cref="BallotVerifier.ProofCommitments"/>).</param>
    public static VerificationResult[] Verify(ElectionContext context, IReadOnlyList<(EncryptedBallot Ballot, IReadOnlyList<byte[]> Commitments)> ballots)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ballots);
        var results = new VerificationResult[ballots.Count];
        var batch = new ProofBatch(context.PublicKey);
        var passed = true;
        for (var i = 0; i < ballots.Count && passed; i++)
        {
            var (ballot, commitments) = ballots[i];
            var fast = Accept(context, ballot, commitments, batch);
            results[i] = fast;
            passed = fast.IsValid;
        }

        if (passed && batch.Holds())
        {
            return results;
        }

        for (var i = 0; i < ballots.Count; i++)
        {
            results[i] = VerifyOne(context, ballots[i].Ballot, ballots[i].Commitments);
        }

        return results;
    }

    /// <summary>
    /// One ballot on its own: every check of <see cref="BallotVerifier"/> (BouncyCastle), and its published
    /// commitments equal to those recomputed from its proofs.
    /// </summary>
    private static VerificationResult VerifyOne(ElectionContext context, EncryptedBallot ballot, IReadOnlyList<byte[]> commitments)
    {
        var next = 0;
        var result = BallotVerifier.Verify(context, ballot, (proof, ciphertext, min, max, proofContext) =>
        {
            var failure = proof.Verify(ciphertext, min, max, context.PublicKey, proofContext, PublicArithmetic.BouncyCastle, out var recomputed);
            var published = next < commitments.Count ? commitments[next] : null;
            next++;
            return failure ?? (published is not null && recomputed.AsSpan().SequenceEqual(published)
                ? null
                : new VerificationFailure("commitments", "The commitments published with this proof are not the ones its challenges and responses give."));
        });
        return next == commitments.Count || !result.IsValid
            ? result
            : Count(result, next, commitments.Count);
    }

    // The fast path: shape, hash against the published commitments, equations into the batch. Any failure here only
    // sends the whole batch to VerifyOne, which words the verdict.
    private static VerificationResult Accept(ElectionContext context, EncryptedBallot ballot, IReadOnlyList<byte[]> commitments, ProofBatch batch)
    {
        var next = 0;
        var result = BallotVerifier.Verify(context, ballot, (proof, ciphertext, min, max, proofContext) =>
        {
            var published = next < commitments.Count ? commitments[next] : null;
            next++;
            if (published is null || proof.ShapeFailure(min, max) is not null
                || published.Length != 2 * proof.Challenges.Count * GroupElement.EncodedLength
                || !proof.ChallengeMatches(ciphertext, min, max, context.PublicKey, proofContext, published))
            {
                return new VerificationFailure("batch", "Not accepted in a batch.");
            }

            return batch.AddRangeProof(ciphertext, min, proof, published) ? null : new VerificationFailure("batch", "A commitment is not a point.");
        });
        return next == commitments.Count || !result.IsValid ? result : Count(result, next, commitments.Count);
    }

    private static VerificationResult Count(VerificationResult result, int proofs, int published) =>
        new(result.ChecksRun + 1, [new VerificationFailure("ballot.commitments", $"The ballot has {proofs} range proofs; {published} sets of commitments are published with it.")]);
}
