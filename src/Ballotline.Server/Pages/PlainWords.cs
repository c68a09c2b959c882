using Ballotline.Server.Ledger;

namespace Ballotline.Server.Pages;

/// <summary>
/// The voter pages' words for where a ballot stands, for the least technical voter of the pilot: short sentences,
/// no system terms (block, confirmation, root, log position). The technical description stays one click away.
/// </summary>
public static class PlainWords
{
    public static string Recording(BallotChainStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Stage switch
        {
            "final" => "Your vote is now in the public record for good. No one can change it.",
            "confirmed" or "submitted" => "Your vote is being added to the public record. This takes about a minute.",
            _ when status.EstimatedTime == LedgerStatusService.WaitForChain =>
                "Your vote is safe in the ballot box. It will be added to the public record as soon as the record can be reached again.",
            _ when status.EstimatedTime == LedgerStatusService.WaitForRecovery =>
                "Your vote is safe in the ballot box. The public record is being repaired by the election's staff; your vote will be added after that.",
            _ => "Your vote is safe in the ballot box. It will be added to the public record in a minute or two.",
        };
    }

    public static string Verification(bool verified, string technicalReason) =>
        verified
            ? "Checked: your vote is in the public record, exactly as you cast it."
            : technicalReason == LedgerStatusService.RootMismatch
            ? "Something is wrong: the public record does not match the ballot box. Please tell the election's support team."
            : technicalReason == LedgerStatusService.NotYetRecorded
            ? "Your vote is in the ballot box, but it is not in the public record yet. Try again in a minute."
            : technicalReason;
}
