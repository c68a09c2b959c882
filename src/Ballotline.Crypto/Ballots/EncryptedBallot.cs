using System.Text.Json.Serialization;
using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.Ballots;

/// <summary>
/// An encrypted ballot: the election it was made for (its extended context hash, hex) and one encrypted
/// contest per manifest contest, in manifest order. It reveals nothing about the choices without the trustees.
/// </summary>
public sealed record EncryptedBallot(string Version, string ContextHash, IReadOnlyList<EncryptedContest> Contests)
{
    /// <summary>The ballot format this library writes and accepts (docs/election-record.md).</summary>
    public const string CurrentVersion = "ballotline/ballot/v1";

    /// <summary>SHA-256 of the ballot's canonical encoding; the voter's handle for finding it in the public log.</summary>
    /// <remarks>Computed on each call, never cached: a record copied with <c>with</c> must not keep a stale code.</remarks>
    [JsonIgnore]
    public TrackingCode TrackingCode => TrackingCode.Of(this);

    /// <summary>The canonical encoding hashed for the tracking code: every field, length-prefixed, in order.</summary>
    internal byte[] CanonicalDigest() => Canonical(new Transcript(Domain)).Digest();

    /// <summary>The exact bytes the tracking code hashes, for the worked example in tests/vectors.</summary>
    internal byte[] CanonicalInput() => Canonical(Transcript.Recording(Domain)).RecordedInput;

    private const string Domain = "ballotline/v1/ballot";

    private Transcript Canonical(Transcript transcript)
    {
        transcript.Text(Version).Text(ContextHash).Number(Contests.Count);
        foreach (var contest in Contests)
        {
            transcript.Text(contest.ContestId).Number(contest.Selections.Count);
            foreach (var selection in contest.Selections)
            {
                transcript.Text(selection.CandidateId).Element(selection.Ciphertext.Pad).Element(selection.Ciphertext.Data);
                AppendScalars(transcript, selection.Proof.Challenges);
                AppendScalars(transcript, selection.Proof.Responses);
            }

            AppendScalars(transcript, contest.SumProof.Challenges);
            AppendScalars(transcript, contest.SumProof.Responses);
        }

        return transcript;
    }

    private static void AppendScalars(Transcript transcript, IReadOnlyList<Scalar> scalars)
    {
        transcript.Number(scalars.Count);
        foreach (var scalar in scalars)
        {
            transcript.Element(scalar);
        }
    }
}
