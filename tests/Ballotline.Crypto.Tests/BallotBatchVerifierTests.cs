using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Tests;

/// <summary>
/// Batch verification of ballots published with their proofs' commitments (record v4): the batch must reach the
/// verdict the one-by-one check reaches, for every ballot, whatever was changed — above all a proof changed under
/// unchanged commitments, which passes every hash and only the batched equations can catch.
/// </summary>
public sealed class BallotBatchVerifierTests
{
    private static readonly TestElection Election = TestElection.Create(TestElection.TwoContests(), seed: "batch");
    private static readonly ElectionContext Context = Election.Context;

    [Fact]
    public void Honest_ballots_published_with_their_commitments_all_verify_in_one_batch()
    {
        var ballots = Ballots(24);

        var results = BallotBatchVerifier.Verify(Context, ballots);

        Assert.All(results, r => Assert.True(r.IsValid, r.ToString()));
        Assert.All(results, r => Assert.True(r.ChecksRun > 10));
    }

    [Fact]
    public void Both_backends_recompute_the_same_commitments_the_hash_was_taken_over()
    {
        foreach (var (ballot, commitments) in Ballots(6))
        {
            Assert.Equal(commitments, BallotVerifier.ProofCommitments(Context, ballot, PublicArithmetic.BouncyCastle));
            Assert.Equal(ballot.Contests.Sum(c => c.Selections.Count + 1), commitments.Count);
        }
    }

    [Fact]
    public void A_response_changed_under_its_published_commitments_passes_every_hash_but_not_the_batch()
    {
        // The hash binds the commitments, not the responses: with the published commitments unchanged, a changed
        // response leaves every challenge matching its hash. Only the equations g^v·α^c = a and K^v·(β/g^j)^c = b can
        // catch it, and here they are checked only in the batch. Every position is tried, with fresh weights each time.
        var random = new Random(20261201);
        for (var trial = 0; trial < 24; trial++)
        {
            var ballots = Ballots(8);
            var victim = random.Next(ballots.Length);
            var (ballot, commitments) = ballots[victim];
            var contest = random.Next(ballot.Contests.Count);
            var selection = random.Next(ballot.Contests[contest].Selections.Count + 1); // the last is the sum proof
            var forged = Tamper(ballot, contest, selection, proof =>
            {
                var branch = random.Next(proof.Responses.Count);
                return proof with { Responses = [.. proof.Responses.Select((v, i) => i == branch ? v + Scalar.FromInt64(random.Next(1, 1000)) : v)] };
            });
            Assert.True(HashMatches(forged, contest, selection, commitments[ProofIndex(ballot, contest, selection)]), "the forgery must pass the hash");
            ballots[victim] = (forged, commitments);

            var results = BallotBatchVerifier.Verify(Context, ballots);

            for (var i = 0; i < ballots.Length; i++)
            {
                Assert.Equal(i != victim, results[i].IsValid);
            }

            var failure = Assert.Single(results[victim].Failures);
            Assert.EndsWith(selection == ballot.Contests[contest].Selections.Count ? "sum-proof.challenge" : "range-proof.challenge", failure.Check, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Valid_ballots_published_with_each_others_commitments_fail_on_the_commitments()
    {
        var ballots = Ballots(4);
        (ballots[1], ballots[2]) = ((ballots[1].Ballot, ballots[2].Commitments), (ballots[2].Ballot, ballots[1].Commitments));

        var results = BallotBatchVerifier.Verify(Context, ballots);

        Assert.True(results[0].IsValid);
        Assert.True(results[3].IsValid);
        Assert.All(new[] { results[1], results[2] }, r => Assert.EndsWith(".commitments", r.Failures[0].Check, StringComparison.Ordinal));
        Assert.All(new[] { results[1], results[2] }, r => Assert.True(BallotVerifier.Verify(Context, r == results[1] ? ballots[1].Ballot : ballots[2].Ballot).IsValid));
    }

    [Theory]
    [InlineData("other point")]
    [InlineData("x not below the field prime")]
    [InlineData("uncompressed prefix")]
    [InlineData("truncated")]
    public void A_published_commitment_that_is_not_the_canonical_encoding_of_the_right_point_fails_the_ballot(string change)
    {
        var ballots = Ballots(3);
        var (ballot, commitments) = ballots[1];
        var edited = commitments.Select(c => (byte[])c.Clone()).ToArray();
        var bytes = edited[2];
        switch (change)
        {
            case "other point":
                GroupElement.GeneratorPower(Scalar.FromInt64(5)).Encode().CopyTo(bytes, GroupElement.EncodedLength);
                break;
            case "x not below the field prime":
                bytes[0] = 0x02;
                Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC30").CopyTo(bytes, 1);
                break;
            case "uncompressed prefix":
                bytes[0] = 0x04;
                break;
            default:
                edited[2] = bytes[..^1];
                break;
        }

        ballots[1] = (ballot, edited);
        var results = BallotBatchVerifier.Verify(Context, ballots);

        Assert.True(results[0].IsValid);
        Assert.True(results[2].IsValid);
        Assert.EndsWith("range-proof.commitments", Assert.Single(results[1].Failures).Check, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void A_ballot_with_a_set_of_commitments_missing_or_extra_fails_on_its_count(int change)
    {
        var ballots = Ballots(2);
        var (ballot, commitments) = ballots[0];
        ballots[0] = (ballot, change < 0 ? commitments.Take(commitments.Count - 1).ToArray() : [.. commitments, commitments[0]]);

        var results = BallotBatchVerifier.Verify(Context, ballots);

        Assert.Contains("commitments", Assert.Single(results[0].Failures).Check, StringComparison.Ordinal);
        Assert.True(results[1].IsValid);
    }

    [Fact]
    public void A_valid_proof_with_a_commitment_at_the_identity_verifies_in_a_batch()
    {
        // A voter's device that knows its nonce r can make the 0-branch's a₀ the identity (v₀ = −r·c₀): the proof is
        // valid, its commitment is published as 33 zero bytes, and the batch must take it as the identity.
        var result = BallotEncryptor.Encrypt(Context, new PlaintextBallot([new PlaintextContest("chair", ["ben"]), new PlaintextContest("committee", ["dan", "eve"])]));
        var r = result.Secrets.SelectionNonces[0][1];
        var c0 = Scalar.Random();
        var encryption = Context.PublicKey.Encrypt(1, r);
        var proof = RangeProof.Prove(encryption, 1, 0, 1, Context.PublicKey,
            Context.ProofContext(ElectionContext.SelectionSubject("chair", "ben")), new ScriptedNonces(Scalar.Random(), c0, -(r * c0)));
        var ballot = Tamper(result.Ballot, 0, 1, _ => proof);
        var commitments = BallotVerifier.ProofCommitments(Context, ballot);
        Assert.True(commitments[1].AsSpan(0, GroupElement.EncodedLength).IndexOfAnyExcept((byte)0) < 0, "a₀ must be the identity");

        var results = BallotBatchVerifier.Verify(Context, [.. Ballots(3), (ballot, commitments)]);

        Assert.All(results, r => Assert.True(r.IsValid, r.ToString()));
    }

    [Fact]
    public void An_empty_batch_and_a_ballot_for_another_election_get_the_one_by_one_verdicts()
    {
        Assert.Empty(BallotBatchVerifier.Verify(Context, []));
        var other = TestElection.Create(TestElection.TwoContests(), seed: "another");
        var ballot = BallotEncryptor.Encrypt(other.Context, new PlaintextBallot([new PlaintextContest("chair", ["ann"]), new PlaintextContest("committee", ["dan", "eve"])])).Ballot;

        var result = Assert.Single(BallotBatchVerifier.Verify(Context, [(ballot, BallotVerifier.ProofCommitments(other.Context, ballot))]));

        Assert.Equal(BallotVerifier.Verify(Context, ballot).Failures.Select(f => f.Check), result.Failures.Select(f => f.Check));
        Assert.Contains("ballot.election", result.Failures.Select(f => f.Check));
    }

    private static (EncryptedBallot Ballot, IReadOnlyList<byte[]> Commitments)[] Ballots(int count)
    {
        string[] chairs = ["ann", "ben", "cat"];
        string[][] committees = [["dan", "eve"], ["eve", "fay", "gus"], ["dan", "gus"], ["dan", "eve", "fay"]];
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var plaintext = new PlaintextBallot([new PlaintextContest("chair", [chairs[i % 3]]), new PlaintextContest("committee", committees[i % 4])]);
            var ballot = BallotEncryptor.Encrypt(Context, plaintext).Ballot;
            return (ballot, BallotVerifier.ProofCommitments(Context, ballot));
        })];
    }

    // Selection index == the contest's selection count means the contest's sum proof.
    private static EncryptedBallot Tamper(EncryptedBallot ballot, int contest, int selection, Func<RangeProof, RangeProof> change)
    {
        var target = ballot.Contests[contest];
        var edited = selection == target.Selections.Count
            ? target with { SumProof = change(target.SumProof) }
            : target with { Selections = [.. target.Selections.Select((s, i) => i == selection ? s with { Proof = change(s.Proof) } : s)] };
        return ballot with { Contests = [.. ballot.Contests.Select((c, i) => i == contest ? edited : c)] };
    }

    private static int ProofIndex(EncryptedBallot ballot, int contest, int selection) =>
        ballot.Contests.Take(contest).Sum(c => c.Selections.Count + 1) + selection;

    private static bool HashMatches(EncryptedBallot ballot, int contest, int selection, byte[] commitments)
    {
        var description = Context.Manifest.Contests[contest];
        var target = ballot.Contests[contest];
        return selection == target.Selections.Count
            ? target.SumProof.ChallengeMatches(target.Sum(), description.MinSelections, description.MaxSelections, Context.PublicKey,
                Context.ProofContext(ElectionContext.ContestSubject(description.Id)), commitments)
            : target.Selections[selection].Proof.ChallengeMatches(target.Selections[selection].Ciphertext, 0, 1, Context.PublicKey,
                Context.ProofContext(ElectionContext.SelectionSubject(description.Id, description.Candidates[selection])), commitments);
    }
}
