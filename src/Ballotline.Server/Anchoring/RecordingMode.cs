namespace Ballotline.Server.Anchoring;

/// <summary>How an election's ballots reach the chain.</summary>
public enum RecordingMode
{
    /// <summary>One anchor every N ballots or T seconds, whichever comes first.</summary>
    Batched,

    /// <summary>One transaction per ballot: the naive design, kept for small elections and as the baseline.</summary>
    PerBallot,
}
