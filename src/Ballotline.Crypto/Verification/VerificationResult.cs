using System.Globalization;

namespace Ballotline.Crypto.Verification;

/// <summary>The outcome of verifying something from public data: every check that ran and each that failed.</summary>
public sealed class VerificationResult
{
    public VerificationResult(int checksRun, IReadOnlyList<VerificationFailure> failures)
    {
        ChecksRun = checksRun;
        Failures = failures;
    }

    public static VerificationResult Valid(int checksRun) => new(checksRun, []);

    public int ChecksRun { get; }

    public IReadOnlyList<VerificationFailure> Failures { get; }

    public bool IsValid => Failures.Count == 0;

    public override string ToString() => IsValid
        ? string.Create(CultureInfo.InvariantCulture, $"valid ({ChecksRun} checks)")
        : string.Create(CultureInfo.InvariantCulture, $"invalid: {string.Join("; ", Failures)}");
}
