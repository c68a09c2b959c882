namespace Ballotline.Server.Voting;

/// <summary>Section <c>Voting</c>.</summary>
public sealed class VotingOptions
{
    public const string Section = "Voting";

    /// <summary>
    /// Whether <c>POST /api/elections/{id}/ballot</c> accepts choices in the clear and encrypts them on the server.
    /// Off by default: voters' devices encrypt (the voting page in the browser, <c>ballotline simulate</c> in C#) and
    /// the server only ever receives encrypted ballots. Test suites and load benchmarks may switch it on.
    /// </summary>
    public bool ServerSideEncryption { get; set; }

    /// <summary>
    /// How many device-encrypted ballots are checked at once (<see cref="VerificationSlots"/>); unset: two per
    /// processor; 0: no limit.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1024)]
    public int? VerificationSlots { get; set; }
}
