namespace Ballotline.Crypto.Verification;

/// <summary>One failed check: <see cref="Check"/> is a stable dotted name (<c>ballot.contest[0].sum-proof.challenge</c>).</summary>
public sealed record VerificationFailure(string Check, string Message)
{
    /// <summary>The same failure with its check name prefixed ("prefix.check"), to say where inside a larger check it happened.</summary>
    public VerificationFailure Within(string prefix) => this with { Check = $"{prefix}.{Check}" };

    /// <inheritdoc />
    public override string ToString() => $"{Check}: {Message}";
}
