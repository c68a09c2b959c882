using Ballotline.Server.Elections;
using Ballotline.Server.Results;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages;

public sealed class ResultsModel(ElectionService elections, Data.BallotlineDb db, Ledger.ChainConnection chain) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = string.Empty;

    public Election? Election { get; private set; }

    public ElectionResult? Result { get; private set; }

    public IReadOnlyDictionary<string, long> Backup { get; private set; } = new Dictionary<string, long>();

    public Ledger.ElectionAnnouncement? Announcement { get; private set; }

    /// <summary>The announcement as its JSON endpoint gives it, to pre-fill the in-browser check.</summary>
    public string AnnouncementJson { get; private set; } = string.Empty;

    /// <summary>The embedded chain's read-only RPC on this server; empty for an external chain (its node URL may carry a key).</summary>
    public string DefaultRpc { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        Election = await elections.GetBySlugAsync(Slug);
        Result = TallyService.Read(Election);
        Backup = ContingencyService.BackupTotals(Election);
        Announcement = await Ledger.ElectionAnnouncement.ForAsync(db, chain, Election, HttpContext.RequestAborted);
        AnnouncementJson = Announcement is null ? string.Empty : System.Text.Json.JsonSerializer.Serialize(Announcement, System.Text.Json.JsonSerializerOptions.Web);
        DefaultRpc = chain.Embedded is null ? string.Empty : $"{Request.Scheme}://{Request.Host}{Request.PathBase}/chain/rpc";
        return Page();
    });
}
