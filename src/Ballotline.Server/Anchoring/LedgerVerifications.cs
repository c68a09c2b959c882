using Ballotline.Server.Data;
using Ballotline.Server.Voting;

namespace Ballotline.Server.Anchoring;

/// <summary>Runs a verification for a voter and records the attempt and its result (a pilot metric), without identity.</summary>
public sealed partial class LedgerVerifications(BallotlineDb db, LedgerStatusService ledger, Observability.PilotMetrics metrics, TimeProvider clock, ILogger<LedgerVerifications> logger)
{
    public async Task<InclusionVerification> VerifyAsync(BallotBoxEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var result = await ledger.VerifyAsync(entry, ct);
        db.VerificationAttempts.Add(new VerificationAttempt { ElectionId = entry.ElectionId, At = clock.GetUtcNow(), Verified = result.Verified, Reason = result.Reason });
        await db.SaveChangesAsync(ct);
        LogVerification(logger, entry.ElectionId, result.Verified, result.Reason);
        metrics.VerificationsAttempted.Inc();
        if (result.Verified)
        {
            metrics.VerificationsSucceeded.Inc();
        }
        return result;
    }

    // No tracking code: with the request's time and user it could tie a voter to their ballot.
    [LoggerMessage(Level = LogLevel.Information, Message = "Verification attempted in election {ElectionId}: verified={Verified} ({Reason})")]
    private static partial void LogVerification(ILogger logger, Guid electionId, bool verified, string reason);
}
