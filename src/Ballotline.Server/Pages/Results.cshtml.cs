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

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        Election = await elections.GetBySlugAsync(Slug);
        Result = TallyService.Read(Election);
        Backup = ContingencyService.BackupTotals(Election);
        Announcement = await Ledger.ElectionAnnouncement.ForAsync(db, chain, Election, HttpContext.RequestAborted);
        return Page();
    });
}
