using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.Tests;

/// <summary>The Benaloh challenge: a spoiled ballot opened with the nonces its device revealed.</summary>
public sealed class BallotOpenerTests
{
    [Fact]
    public void The_revealed_nonces_open_the_ballot_to_the_choices_it_encrypts()
    {
        var election = TestElection.Create(TestElection.TwoContests());
        var plaintext = new PlaintextBallot([new("chair", ["ben"]), new("committee", ["dan", "gus"])]);
        var result = BallotEncryptor.Encrypt(election.Context, plaintext, election.Nonces);

        var (opened, check) = BallotOpener.Open(election.Context, result.Ballot, result.Secrets);

        Assert.True(check.IsValid, check.ToString());
        Assert.Equal(["ben"], opened!.Contests[0].Selected);
        Assert.Equal(["dan", "gus"], opened.Contests[1].Selected);
    }

    [Fact]
    public void A_device_that_encrypted_another_choice_cannot_open_the_ballot_to_the_voters_choice()
    {
        // The device encrypted "alice" but claims the voter's "carol": any nonces it reveals open to alice, or fail.
        var election = TestElection.Create();
        var result = BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "alice"), election.Nonces);

        var (opened, _) = BallotOpener.Open(election.Context, result.Ballot, result.Secrets);
        Assert.Equal(["alice"], opened!.Contests[0].Selected);

        var swapped = result.Secrets.SelectionNonces[0].ToArray();
        (swapped[0], swapped[2]) = (swapped[2], swapped[0]);
        var (none, check) = BallotOpener.Open(election.Context, result.Ballot, new BallotSecrets([swapped]));
        Assert.Null(none);
        Assert.Contains(check.Failures, f => f.Check == "opening.contest[mayor].selection[alice]");
    }

    [Fact]
    public void Nonces_for_the_wrong_shape_are_named()
    {
        var election = TestElection.Create();
        var result = BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "bob"), election.Nonces);

        var (_, tooFew) = BallotOpener.Open(election.Context, result.Ballot, new BallotSecrets([[Scalar.One]]));
        var (_, noContest) = BallotOpener.Open(election.Context, result.Ballot, new BallotSecrets([]));

        Assert.Equal("opening.contest[mayor]", Assert.Single(tooFew.Failures).Check);
        Assert.Equal("opening.contests", Assert.Single(noContest.Failures).Check);
    }
}
