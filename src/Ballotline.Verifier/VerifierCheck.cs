namespace Ballotline.Verifier;

/// <summary>One check of the record: its name, whether it passed, and what was counted or what failed.</summary>
public sealed record VerifierCheck(string Name, bool Passed, string Detail)
{
    public bool Skipped { get; init; }

    public override string ToString() => $"{(Skipped ? "SKIP" : Passed ? "PASS" : "FAIL")}  {Name}: {Detail}";
}
