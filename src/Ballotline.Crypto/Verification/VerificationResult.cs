using System.Globalization;

namespace Ballotline.Crypto.Verification;

/// <summary>The outcome of verifying something from public data: every check that ran and each that failed.</summary>
public sealed class VerificationResult
{
    /// <summary>The outcome of a verification: how many checks ran and which failed.</summary>
    public VerificationResult(int checksRun, IReadOnlyList<VerificationFailure> failures)
    {
        ChecksRun = checksRun;
        Failures = failures;
    }

    /// <summary>A verification in which every one of the checks passed.</summary>
    public static VerificationResult Valid(int checksRun) => new(checksRun, []);

    /// <summary>How many checks ran, so that a caller can tell a pass from a verification that checked nothing.</summary>
    public int ChecksRun { get; }

    /// <summary>Every check that failed, with its reason.</summary>
    public IReadOnlyList<VerificationFailure> Failures { get; }

    /// <summary>Whether no check failed (<see cref="ChecksRun"/> says how many ran).</summary>
    public bool IsValid => Failures.Count == 0;

    /// <inheritdoc />
    public override string ToString() => IsValid
        ? string.Create(CultureInfo.InvariantCulture, $"valid ({ChecksRun} checks)")
        : string.Create(CultureInfo.InvariantCulture, $"invalid: {string.Join("; ", Failures)}");
}
