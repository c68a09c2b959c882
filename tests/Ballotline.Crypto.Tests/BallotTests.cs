using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Tests;

public sealed class BallotTests
{
    [Fact]
    public void An_encrypted_ballot_verifies_from_public_data()
    {
        var election = TestElection.Create(TestElection.TwoContests());
        var plaintext = new PlaintextBallot([new("chair", ["ben"]), new("committee", ["dan", "fay"])]);
        var result = BallotEncryptor.Encrypt(election.Context, plaintext, election.Nonces);
        var verification = BallotVerifier.Verify(election.Context, result.Ballot);
        Assert.True(verification.IsValid, verification.ToString());
        Assert.Equal(2 + (2 * 7) + 2, verification.ChecksRun); // version, election; per selection: ciphertext, proof; per contest: sum proof
    }

    [Fact]
    public void The_nonces_returned_to_the_caller_open_each_selection()
    {
        var election = TestElection.Create();
        var result = BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "carol"), election.Nonces);
        var selections = result.Ballot.Contests[0].Selections;
        for (var i = 0; i < selections.Count; i++)
        {
            var nonce = result.Secrets.SelectionNonces[0][i];
            var expected = election.Context.PublicKey.Encrypt(selections[i].CandidateId == "carol" ? 1 : 0, nonce).Ciphertext;
            Assert.Equal(expected, selections[i].Ciphertext);
        }
    }

    [Theory]
    [InlineData(new string[0], "exactly 1")]
    [InlineData(new[] { "alice", "bob" }, "exactly 1")]
    [InlineData(new[] { "zoe" }, "not in contest")]
    [InlineData(new[] { "alice", "alice" }, "twice")]
    public void The_encryptor_refuses_an_invalid_plaintext(string[] selected, string message)
    {
        var election = TestElection.Create();
        var e = Assert.Throws<ArgumentException>(() => BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", selected), election.Nonces));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_encryptor_refuses_a_ballot_missing_a_contest()
    {
        var election = TestElection.Create(TestElection.TwoContests());
        var e = Assert.Throws<ArgumentException>(() => BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("chair", "ann"), election.Nonces));
        Assert.Contains("committee", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_over_vote_with_honest_selection_proofs_fails_the_contest_sum_proof()
    {
        var election = TestElection.Create();
        var honest = BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "alice"), election.Nonces).Ballot;
        var contest = honest.Contests[0];

        // Re-encrypt bob as 1 with a valid 0/1 proof: two selections of one now, but the old sum proof stays.
        var key = election.Context.PublicKey;
        var bobVote = key.Encrypt(1, election.Nonces.NextScalar());
        var bobProof = RangeProof.Prove(bobVote, 1, 0, 1, key, new ProofContext(election.Context.ExtendedHash, "contest/mayor/selection/bob"), election.Nonces);
        var selections = contest.Selections.ToArray();
        selections[1] = new EncryptedSelection("bob", bobVote.Ciphertext, bobProof);
        var overVote = honest with { Contests = [contest with { Selections = selections }] };

        var result = BallotVerifier.Verify(election.Context, overVote);
        Assert.False(result.IsValid);
        Assert.Equal(["ballot.contest[mayor].sum-proof.challenge"], result.Failures.Select(f => f.Check));
    }

    [Fact]
    public void A_ballot_from_another_election_is_rejected_with_the_election_check_named()
    {
        var mine = TestElection.Create(seed: "mine");
        var theirs = TestElection.Create(TestElection.OneOfFive("other-election"), seed: "theirs");
        var foreign = BallotEncryptor.Encrypt(theirs.Context, PlaintextBallot.ForContest("mayor", "bob"), theirs.Nonces).Ballot;
        var result = BallotVerifier.Verify(mine.Context, foreign);
        Assert.Contains(result.Failures, f => f.Check == "ballot.election");
        Assert.Contains(result.Failures, f => f.Check.EndsWith(".range-proof.challenge", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ballot_whose_ciphertext_was_replaced_fails_that_selections_proof()
    {
        var election = TestElection.Create();
        var ballot = BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "dave"), election.Nonces).Ballot;
        var contest = ballot.Contests[0];
        var selections = contest.Selections.ToArray();
        selections[0] = selections[0] with { Ciphertext = selections[0].Ciphertext with { Data = selections[0].Ciphertext.Data * GroupElement.Generator } };
        var tampered = ballot with { Contests = [contest with { Selections = selections }] };
        var result = BallotVerifier.Verify(election.Context, tampered);
        Assert.Contains(result.Failures, f => f.Check == "ballot.contest[mayor].selection[alice].range-proof.challenge");
        Assert.Contains(result.Failures, f => f.Check == "ballot.contest[mayor].sum-proof.challenge");
    }

    [Fact]
    public void A_ballot_with_selections_out_of_manifest_order_is_rejected()
    {
        var election = TestElection.Create();
        var ballot = BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "dave"), election.Nonces).Ballot;
        var swapped = ballot with { Contests = [ballot.Contests[0] with { Selections = [.. ballot.Contests[0].Selections.Reverse()] }] };
        Assert.Contains(BallotVerifier.Verify(election.Context, swapped).Failures, f => f.Check == "ballot.contest[mayor].selection[alice].id");
    }

    [Fact]
    public void The_tracking_code_is_the_hash_of_the_whole_ballot()
    {
        var election = TestElection.Create();
        var ballot = BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "erin"), election.Nonces).Ballot;
        var code = ballot.TrackingCode;
        Assert.Matches("^[0-9a-f]{64}$", code.FullHex);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", code.ShortCode);
        Assert.Equal(code, TrackingCode.Parse(code.FullHex));
        var changed = ballot with { Contests = [ballot.Contests[0] with { SumProof = ballot.Contests[0].SumProof with { Responses = [Scalar.One] } }] };
        Assert.NotEqual(code, changed.TrackingCode);
    }

    [Theory]
    [InlineData("7k3m q9xa 4hbn 20tf", "7K3M-Q9XA-4HBN-20TF")]
    [InlineData("OIL0-0000-0000-0000", "0110-0000-0000-0000")]
    public void A_typed_short_code_is_normalised(string typed, string expected) =>
        Assert.Equal(expected, TrackingCode.NormalizeShort(typed));

    [Theory]
    [InlineData("7K3M-Q9XA", "tracking-code.length")]
    [InlineData("7K3M-Q9XA-4HBN-20T!", "tracking-code.character")]
    public void A_malformed_short_code_is_refused_with_the_reason(string typed, string check) =>
        Assert.Equal(check, Assert.Throws<CryptoFormatException>(() => TrackingCode.NormalizeShort(typed)).Check);

    [Fact]
    public void Ciphertext_zero_is_the_neutral_element()
    {
        var keys = ElGamalKeyPair.Generate(NonceSource.Deterministic([5]));
        var c = keys.PublicKey.Encrypt(1, Scalar.FromInt64(77)).Ciphertext;
        Assert.Equal(c, ElGamalCiphertext.Zero.Add(c));
    }
}
