using Ballotline.Server.Data;
using Ballotline.Server.Voting;

namespace Ballotline.Server.Ledger;

/// <summary>Runs a verification for a voter and records the attempt and its result (a pilot metric), without identity.</summary>
public sealed partial class LedgerVerifications(BallotlineDb db, LedgerStatusService ledger, Observability.PilotMetrics metrics, TimeProvider clock, ILogger<LedgerVerifications> logger)
{
    public async Task<InclusionVerification> VerifyAsync(BallotBoxEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var result = await ledger.VerifyAsync(entry, ct);
        db.VerificationAttempts.Add(new VerificationAttempt { ElectionId = entry.ElectionId, At = clock.GetUtcNow(), Verified = result.Verified, Reason = result.Reason });
        await db.SaveChangesAsync(ct);
        LogVerification(logger, entry.TrackingCode, result.Verified, result.Reason);
        metrics.VerificationsAttempted.Inc();
        if (result.Verified)
        {
            metrics.VerificationsSucceeded.Inc();
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Verification attempted for {TrackingCode}: verified={Verified} ({Reason})")]
    private static partial void LogVerification(ILogger logger, string trackingCode, bool verified, string reason);
}
