using Ballotline.Crypto.Election;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Verification;

namespace Ballotline.Crypto.Ballots;

/// <summary>
/// Opens a challenged (spoiled) ballot with the nonces its device revealed — the Benaloh challenge. Each
/// selection must be (g^r, K^r) or (g^r, K^r·g) for its revealed r, which shows 0 or 1 without any key. A
/// device that encrypted something other than the voter's choice is caught here, by anyone, because the
/// opening is published with the spoiled ballot.
/// </summary>
public static class BallotOpener
{
    /// <summary>The plaintext inside <paramref name="ballot"/>, or the failed checks (<c>opening.*</c>) when the nonces do not open it.</summary>
    public static (PlaintextBallot? Plaintext, VerificationResult Result) Open(ElectionContext context, EncryptedBallot ballot, BallotSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ballot);
        ArgumentNullException.ThrowIfNull(secrets);
        var checks = new VerificationCollector();
        if (secrets.SelectionNonces.Count != ballot.Contests.Count)
        {
            checks.Check(false, "opening.contests", $"The opening has nonces for {secrets.SelectionNonces.Count} contests; the ballot has {ballot.Contests.Count}.");
            return (null, checks.Result());
        }

        var contests = new List<PlaintextContest>(ballot.Contests.Count);
        for (var c = 0; c < ballot.Contests.Count; c++)
        {
            var contest = ballot.Contests[c];
            var nonces = secrets.SelectionNonces[c];
            if (nonces.Count != contest.Selections.Count)
            {
                checks.Check(false, $"opening.contest[{contest.ContestId}]", $"The opening has {nonces.Count} nonces for contest '{contest.ContestId}'; it has {contest.Selections.Count} selections.");
                continue;
            }

            var selected = new List<string>();
            for (var i = 0; i < contest.Selections.Count; i++)
            {
                var selection = contest.Selections[i];
                var at = $"opening.contest[{contest.ContestId}].selection[{selection.CandidateId}]";
                if (selection.Ciphertext.Pad != GroupElement.GeneratorPower(nonces[i]))
                {
                    checks.Check(false, at, $"The revealed nonce for '{selection.CandidateId}' does not open its ciphertext.");
                    continue;
                }

                var masked = context.PublicKey.Power(nonces[i]);
                if (selection.Ciphertext.Data == masked * GroupElement.Generator)
                {
                    selected.Add(selection.CandidateId);
                }
                else
                {
                    checks.Check(selection.Ciphertext.Data == masked, at, $"The selection for '{selection.CandidateId}' encrypts neither 0 nor 1.");
                }
            }

            contests.Add(new PlaintextContest(contest.ContestId, selected));
        }

        var result = checks.Result();
        return (result.IsValid ? new PlaintextBallot(contests) : null, result);
    }
}
