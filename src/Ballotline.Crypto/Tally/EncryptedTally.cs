using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Org.BouncyCastle.Math.EC;

namespace Ballotline.Crypto.Tally;

/// <summary>
/// The running homomorphic product of ballots, one ciphertext per candidate. Ballots are streamed in one at a
/// time and not kept, so memory stays constant however many there are. Add only ballots that verified.
/// </summary>
public sealed class EncryptedTally
{
    private readonly ECPoint[] _pads;
    private readonly ECPoint[] _data;

    /// <summary>An empty tally for the manifest's contests: every candidate's encrypted count is the encryption of zero.</summary>
    public EncryptedTally(ElectionManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Manifest = manifest;
        Positions = [.. manifest.Contests.SelectMany(c => c.Candidates.Select(candidate => new TallyPosition(c.Id, candidate)))];
        _pads = [.. Positions.Select(_ => Secp256k1.Infinity)];
        _data = [.. Positions.Select(_ => Secp256k1.Infinity)];
    }

    /// <summary>The contests and candidates counted.</summary>
    public ElectionManifest Manifest { get; }

    /// <summary>The (contest, candidate) each ciphertext position stands for, in manifest order.</summary>
    public IReadOnlyList<TallyPosition> Positions { get; }

    /// <summary>How many ballots were added.</summary>
    public long BallotCount { get; private set; }

    /// <summary>Adds a ballot: each candidate's ciphertext is multiplied into its running total (homomorphic addition).</summary>
    public void Add(EncryptedBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        if (ballot.Contests.Count != Manifest.Contests.Count)
        {
            throw new ArgumentException("The ballot's contests do not match the manifest; verify ballots before tallying.", nameof(ballot));
        }

        var position = 0;
        for (var c = 0; c < ballot.Contests.Count; c++)
        {
            var selections = ballot.Contests[c].Selections;
            if (selections.Count != Manifest.Contests[c].Candidates.Count)
            {
                throw new ArgumentException("The ballot's selections do not match the manifest; verify ballots before tallying.", nameof(ballot));
            }

            foreach (var selection in selections)
            {
                // Stay in Jacobian coordinates: adding is cheap, normalising (an inversion) is not.
                _pads[position] = _pads[position].Add(selection.Ciphertext.Pad.Point);
                _data[position] = _data[position].Add(selection.Ciphertext.Data.Point);
                position++;
            }
        }

        BallotCount++;
    }

    /// <summary>Each candidate's encrypted total, by contest and candidate id.</summary>
    public IReadOnlyList<ElGamalCiphertext> Ciphertexts()
    {
        var all = _pads.Concat(_data).ToArray();
        Secp256k1.Curve.NormalizeAll(all);
        return [.. Enumerable.Range(0, _pads.Length).Select(i => new ElGamalCiphertext(new GroupElement(all[i]), new GroupElement(all[_pads.Length + i])))];
    }
}
