namespace Ballotline.Crypto.Verification;

/// <summary>Accumulates checks while a verifier walks a structure, so that it reports every failure, not just the first.</summary>
internal sealed class VerificationCollector
{
    private readonly List<VerificationFailure> _failures = [];
    private int _checks;

    public void Check(bool passed, string check, string message)
    {
        _checks++;
        if (!passed)
        {
            _failures.Add(new VerificationFailure(check, message));
        }
    }

    public void Add(VerificationFailure? failure, string prefix)
    {
        _checks++;
        if (failure is not null)
        {
            _failures.Add(failure.Within(prefix));
        }
    }

    public void Merge(VerificationResult result, string prefix)
    {
        _checks += result.ChecksRun;
        foreach (var failure in result.Failures)
        {
            _failures.Add(failure.Within(prefix));
        }
    }

    public VerificationResult Result() => new(_checks, _failures.ToArray());
}
