using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;
using Ballotline.Crypto.Tally;
using Ballotline.Crypto.Trustees;

namespace Ballotline.Crypto.Tests;

public sealed class TrusteeTests
{
    private static readonly string[] Votes = ["alice", "bob", "bob", "carol", "bob", "erin", "alice"];

    private static EncryptedTally CastVotes(TestElection election, out List<EncryptedBallot> ballots)
    {
        ballots = [.. Votes.Select(v => BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", v), election.Nonces).Ballot)];
        var tally = new EncryptedTally(election.Manifest);
        foreach (var ballot in ballots)
        {
            tally.Add(ballot);
        }

        return tally;
    }

    [Fact]
    public void A_single_trustee_election_tallies_and_verifies()
    {
        var election = TestElection.Create();
        var tally = CastVotes(election, out var ballots);
        var partial = election.Keys[0].Decrypt(election.Context, tally.Ciphertexts(), election.Nonces);
        var result = TallyDecryptor.Decrypt(election.Context, election.Commitments, tally, [partial]);
        Assert.Equal([2L, 3, 1, 0, 1], result.Counts);
        Assert.Equal(3, result.CountFor("mayor", "bob"));
        var verification = TallyVerifier.Verify(election.Context, election.Commitments, ballots, result);
        Assert.True(verification.IsValid, verification.ToString());
    }

    [Fact]
    public void A_three_of_five_election_tallies_with_two_trustees_absent()
    {
        var election = TestElection.Create(trustees: 5, quorum: 3);
        var tally = CastVotes(election, out var ballots);
        var present = new[] { 1, 3, 5 }.Select(i => election.Keys[i - 1].Decrypt(election.Context, tally.Ciphertexts(), election.Nonces)).ToArray();
        var result = TallyDecryptor.Decrypt(election.Context, election.Commitments, tally, present);
        Assert.Equal([2L, 3, 1, 0, 1], result.Counts);
        Assert.Equal([1, 3, 5], result.Decryptions.Select(d => d.TrusteeIndex));
        Assert.True(TallyVerifier.Verify(election.Context, election.Commitments, ballots, result).IsValid);
    }

    [Fact]
    public void Any_quorum_of_trustees_gives_the_same_result()
    {
        var election = TestElection.Create(trustees: 4, quorum: 2);
        var tally = CastVotes(election, out _);
        var all = election.Keys.Select(k => k.Decrypt(election.Context, tally.Ciphertexts(), election.Nonces)).ToArray();
        var a = TallyDecryptor.Decrypt(election.Context, election.Commitments, tally, [all[0], all[1]]);
        var b = TallyDecryptor.Decrypt(election.Context, election.Commitments, tally, [all[2], all[3]]);
        Assert.Equal(a.Counts, b.Counts);
    }

    [Fact]
    public void A_trustee_whose_decryption_share_is_wrong_is_named_and_the_others_still_decrypt()
    {
        var election = TestElection.Create(trustees: 5, quorum: 3);
        var tally = CastVotes(election, out _);
        var ciphertexts = tally.Ciphertexts();
        var partials = election.Keys.Select(k => k.Decrypt(election.Context, ciphertexts, election.Nonces)).ToList();
        var cheat = partials[1];
        partials[1] = cheat with { Shares = [cheat.Shares[0] * GroupElement.Generator, .. cheat.Shares.Skip(1)] };
        var result = ThresholdDecryption.Combine(election.Context, election.Commitments, ciphertexts, partials, tally.BallotCount);
        Assert.Equal([2L, 3, 1, 0, 1], result.Values);
        Assert.Equal([2], result.Rejected.Keys);
        Assert.DoesNotContain(result.Used, p => p.TrusteeIndex == 2);
    }

    [Fact]
    public void Too_few_valid_trustees_fails_and_names_the_missing_and_the_wrong()
    {
        var election = TestElection.Create(trustees: 5, quorum: 3);
        var tally = CastVotes(election, out _);
        var ciphertexts = tally.Ciphertexts();
        var good = election.Keys[0].Decrypt(election.Context, ciphertexts, election.Nonces);
        var otherKey = TestElection.Create(trustees: 5, quorum: 3, seed: "other").Keys[3];
        var forged = otherKey.Decrypt(election.Context, ciphertexts, election.Nonces);
        var e = Assert.Throws<TrusteeException>(() => ThresholdDecryption.Combine(election.Context, election.Commitments, ciphertexts, [good, forged], tally.BallotCount));
        Assert.Equal("decryption.quorum", e.Check);
        Assert.Equal([2, 3, 4, 5], e.Trustees.Order());
        Assert.Contains("trustee 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dealer_whose_share_does_not_match_its_commitments_is_named()
    {
        var election = TestElection.Create(trustees: 3, quorum: 2);
        var shares = election.Polynomials.ToDictionary(p => p.TrusteeIndex, p => p.ShareFor(2));
        shares[3] += Scalar.One;
        var e = Assert.Throws<TrusteeException>(() => KeyCeremony.CombineShares(2, election.Commitments, shares));
        Assert.Equal([3], e.Trustees);
        Assert.Equal("ceremony.share-inconsistent", e.Check);
    }

    [Fact]
    public void A_trustee_whose_commitment_proof_is_wrong_is_named_at_key_combination()
    {
        var election = TestElection.Create(trustees: 3, quorum: 2);
        var commitments = election.Commitments.ToArray();
        var proof = commitments[0].Proofs[1];
        commitments[0] = commitments[0] with { Proofs = [commitments[0].Proofs[0], proof with { Response = proof.Response + Scalar.One }] };
        var e = Assert.Throws<TrusteeException>(() => KeyCeremony.CreateContext(election.Manifest, 3, 2, commitments));
        Assert.Equal([1], e.Trustees);
        Assert.Contains("coefficient[1].schnorr-proof.challenge", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Commitments_from_a_missing_or_repeated_trustee_are_refused()
    {
        var election = TestElection.Create(trustees: 3, quorum: 2);
        var e = Assert.Throws<TrusteeException>(() => KeyCeremony.CreateContext(election.Manifest, 3, 2, [election.Commitments[0], election.Commitments[0], election.Commitments[2]]));
        Assert.Equal("ceremony.indices", e.Check);
        Assert.Contains(1, e.Trustees);
        Assert.Contains(2, e.Trustees);
    }

    [Fact]
    public void A_commitment_made_for_another_election_is_rejected()
    {
        var election = TestElection.Create(trustees: 2, quorum: 2);
        var otherBase = ElectionContext.ComputeBaseHash(TestElection.TwoContests(), 2, 2);
        var foreign = election.Polynomials[1].Commit(otherBase, election.Nonces);
        var e = Assert.Throws<TrusteeException>(() => KeyCeremony.CreateContext(election.Manifest, 2, 2, [election.Commitments[0], foreign]));
        Assert.Equal([2], e.Trustees);
    }

    [Fact]
    public void A_restored_trustee_key_must_match_the_public_commitments()
    {
        var election = TestElection.Create(trustees: 3, quorum: 2);
        Assert.Equal(election.Keys[1].Secret, TrusteeKey.Restore(2, election.Keys[1].Secret, election.Commitments).Secret);
        Assert.Throws<TrusteeException>(() => TrusteeKey.Restore(2, election.Keys[0].Secret, election.Commitments));
    }

    [Fact]
    public void The_tally_verifier_reports_an_altered_count_a_missing_ballot_altered_totals_and_relabelled_positions()
    {
        var election = TestElection.Create(trustees: 3, quorum: 2);
        var tally = CastVotes(election, out var ballots);
        var partials = election.Keys.Take(2).Select(k => k.Decrypt(election.Context, tally.Ciphertexts(), election.Nonces)).ToArray();
        var result = TallyDecryptor.Decrypt(election.Context, election.Commitments, tally, partials);

        var altered = result with { Counts = [3L, 2, 1, 0, 1] };
        var failures = TallyVerifier.Verify(election.Context, election.Commitments, ballots, altered).Failures.Select(f => f.Check).ToArray();
        Assert.Equal(["tally.decryption.result[0]", "tally.decryption.result[1]"], failures);

        var missing = TallyVerifier.Verify(election.Context, election.Commitments, ballots.Skip(1), result).Failures.Select(f => f.Check);
        Assert.Contains("tally.ballot-count", missing);
        Assert.Contains("tally.encrypted-totals", missing);

        var swappedTotals = result with { EncryptedTotals = [.. result.EncryptedTotals.Reverse()] };
        Assert.Contains("tally.encrypted-totals", TallyVerifier.Verify(election.Context, election.Commitments, ballots, swappedTotals).Failures.Select(f => f.Check));
        // Relabelled: two positions swapped, so CountFor would credit one candidate's votes to the other.
        var positions = result.Positions.ToArray();
        (positions[0], positions[1]) = (positions[1], positions[0]);
        var relabelled = result with { Positions = positions };
        Assert.Equal(["tally.positions"], TallyVerifier.Verify(election.Context, election.Commitments, ballots, relabelled).Failures.Select(f => f.Check));
    }

    [Fact]
    public void Lagrange_coefficients_interpolate_a_polynomial_at_zero()
    {
        var polynomial = TrusteePolynomial.Generate(1, 3, NonceSource.Deterministic([3]));
        int[] points = [2, 4, 7];
        var weights = ThresholdDecryption.LagrangeCoefficients(points);
        var atZero = points.Select((x, i) => polynomial.ShareFor(x) * weights[i]).Aggregate(Scalar.Zero, (a, b) => a + b);
        Assert.Equal(polynomial.Coefficients[0], atZero);
    }

    [Fact]
    public void Proof_contexts_tie_decryptions_to_their_trustee()
    {
        var election = TestElection.Create(trustees: 2, quorum: 2);
        var tally = CastVotes(election, out _);
        var ciphertexts = tally.Ciphertexts();
        var partial = election.Keys[0].Decrypt(election.Context, ciphertexts, election.Nonces);
        var relabelled = partial with { TrusteeIndex = 2 };
        Assert.Throws<TrusteeException>(() => ThresholdDecryption.Combine(election.Context, election.Commitments, ciphertexts, [partial, relabelled], tally.BallotCount));
        _ = new ProofContext(election.Context.ExtendedHash, "unused");
    }
}
