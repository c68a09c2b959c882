using Ballotline.Server.Data;
using Ballotline.Server.Voting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Pages;

public sealed class VerifyModel(BallotlineDb db, Anchoring.LedgerVerifications verifications, Elections.ElectionService elections) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public BallotBoxEntry? Entry { get; private set; }

    public string? ElectionTitle { get; private set; }

    public Anchoring.InclusionVerification? Chain { get; private set; }

    /// <summary>A challenged ballot: published with what it contained, never counted.</summary>
    public SpoiledBallotView? Spoiled { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        if (!string.IsNullOrWhiteSpace(Code) && await BallotLookups.FindSpoiledAsync(db, Code, HttpContext.RequestAborted) is { } spoiled)
        {
            var election = await elections.GetAsync(spoiled.ElectionId, HttpContext.RequestAborted);
            ElectionTitle = election.Title;
            Spoiled = CastingService.SpoiledView(election, spoiled);
        }
        else if (!string.IsNullOrWhiteSpace(Code))
        {
            Entry = await BallotLookups.FindAsync(db, Code, HttpContext.RequestAborted);
            ElectionTitle = await db.Elections.Where(e => e.Id == Entry.ElectionId).Select(e => e.Title).SingleAsync();
            Chain = await verifications.VerifyAsync(Entry, HttpContext.RequestAborted);
        }

        return Page();
    });
}
