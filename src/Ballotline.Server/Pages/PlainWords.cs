using Ballotline.Server.Anchoring;
using Microsoft.Extensions.Localization;

namespace Ballotline.Server.Pages;

/// <summary>
/// The voter pages' words for where a ballot stands, for the least technical voter of the pilot: short sentences,
/// no system terms (block, confirmation, root, log position). The technical description stays one click away.
/// </summary>
public static class PlainWords
{
    public static string Recording(BallotChainStatus status, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(text);
        return text[status.Stage switch
        {
            "final" => "Your vote is now in the public record for good. No one can change it.",
            "confirmed" or "submitted" => "Your vote is being added to the public record. This takes about a minute.",
            _ when status.EstimatedTime == LedgerStatusService.WaitForChain =>
                "Your vote is safe in the ballot box. It will be added to the public record as soon as the record can be reached again.",
            _ when status.EstimatedTime == LedgerStatusService.WaitForRecovery =>
                "Your vote is safe in the ballot box. The public record is being repaired by the election's staff; your vote will be added after that.",
            _ => "Your vote is safe in the ballot box. It will be added to the public record in a minute or two.",
        }];
    }

    /// <summary>The verdict in plain words; any other reason is the ledger's own sentence, translated where it has a translation.</summary>
    public static string Verification(bool verified, string technicalReason, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return verified
            ? text["Checked: your vote is in the public record, exactly as you cast it."]
            : technicalReason == LedgerStatusService.RootMismatch
            ? text["Something is wrong: the public record does not match the ballot box. Please tell the election's support team."]
            : technicalReason == LedgerStatusService.NotYetRecorded
            ? text["Your vote is in the ballot box, but it is not in the public record yet. Try again in a minute."]
            : text[technicalReason];
    }
}
