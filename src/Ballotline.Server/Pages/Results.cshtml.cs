using Ballotline.Server.Elections;
using Ballotline.Server.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ballotline.Server.Pages;

public sealed class ResultsModel(ElectionService elections, Data.BallotlineDb db, Anchoring.ChainConnection chain) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = string.Empty;

    public Election? Election { get; private set; }

    public ElectionResult? Result { get; private set; }

    public IReadOnlyDictionary<string, long> Backup { get; private set; } = new Dictionary<string, long>();

    public Anchoring.ElectionAnnouncement? Announcement { get; private set; }

    /// <summary>The announcement as its JSON endpoint gives it, to pre-fill the in-browser check.</summary>
    public string AnnouncementJson { get; private set; } = string.Empty;

    /// <summary>The embedded chain's read-only RPC on this server; empty for an external chain (its node URL may carry a key).</summary>
    public string DefaultRpc { get; private set; } = string.Empty;

    /// <summary>The words check-election.js shows, in the page's language: each check's meaning, progress and verdicts ({0}… filled in by the script).</summary>
    public static string ScriptText(IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var script = CheckMeanings.ToDictionary(p => p.Key, p => text[p.Value].Value, StringComparer.Ordinal);
        script["progress"] = text["Checked {0} of {1} ballots…"];
        script["error"] = text["The check could not run: {0}"];
        script["finished"] = text["Finished in {0} seconds."];
        script["notChecked"] = text["Not checked: "];
        script["passed"] = text["Passed: "];
        script["failed"] = text["FAILED: "];
        script["verified"] = text["VERIFIED: every check passed, the blockchain and the announcement included."];
        script["partly"] = text["{0}. Every check that ran passed; what was not checked is named above."];
        script["notVerified"] = text["NOT VERIFIED: at least one check failed. See which above, and tell the organiser and the observers."];
        return System.Text.Json.JsonSerializer.Serialize(script);
    }

    /// <summary>What each check of the record verifier means for a voter (its own detail follows in small print).</summary>
    private static readonly Dictionary<string, string> CheckMeanings = new(StringComparer.Ordinal)
    {
        ["record.index"] = "The record has its table of contents",
        ["record.version"] = "The record is in a format this checker knows",
        ["record.files"] = "The record is complete and no file in it was altered",
        ["context"] = "The election's set-up (questions, candidates, key holders) matches its fingerprint",
        ["ballots"] = "The ballots can be read",
        ["ballots.proofs"] = "Every counted ballot is a valid vote: one that could only have been made for this election, within its rules",
        ["ballots.tracking-codes"] = "Every tracking code is its ballot's fingerprint, and no ballot appears twice",
        ["ballots.log-positions"] = "The ballots are in order, with none missing in between",
        ["spoiled"] = "Every ballot a voter checked (challenged) opens to what was shown, and none of them was counted",
        ["tally"] = "The count can be read",
        ["tally.encrypted-totals"] = "The totals are exactly the sum of the counted ballots, still encrypted",
        ["tally.decryptions"] = "The key holders decrypted the totals correctly, each with a proof",
        ["tally.positions"] = "Each count belongs to the candidate it is shown for",
        ["result"] = "The published result, names included, is the decrypted count",
        ["ledger.roots"] = "The ballot log matches every fingerprint recorded while voting was open",
        ["ledger.close"] = "Voting was closed on the blockchain, covering every ballot",
        ["announcement"] = "The record is the one announced before voting",
        ["chain.contract"] = "The blockchain contract is Ballotline's, and only the organiser's announced key can write to it",
        ["chain.anchors"] = "The blockchain holds the same fingerprints as the record",
    };

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        Election = await elections.GetBySlugAsync(Slug);
        Result = TallyService.Read(Election);
        Backup = ContingencyService.BackupTotals(Election);
        Announcement = await Anchoring.ElectionAnnouncement.ForAsync(db, chain, Election, HttpContext.RequestAborted);
        AnnouncementJson = Announcement is null ? string.Empty : System.Text.Json.JsonSerializer.Serialize(Announcement, System.Text.Json.JsonSerializerOptions.Web);
        DefaultRpc = chain.Embedded is null ? string.Empty : $"{Request.Scheme}://{Request.Host}{Request.PathBase}/chain/rpc";
        return Page();
    });
}
