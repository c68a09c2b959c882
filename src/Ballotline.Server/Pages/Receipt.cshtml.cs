using System.Globalization;
using System.Text;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Voting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Pages;

/// <summary>A receipt is public information (the tracking code is in the public log), so no sign-in is needed.</summary>
public sealed class ReceiptModel(BallotlineDb db, Anchoring.LedgerStatusService ledger, Anchoring.ChainConnection chain) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = string.Empty;

    public Receipt? Receipt { get; private set; }

    public string ChainName => chain.Options.DisplayName;

    /// <summary>Who can decrypt this election's count (its trustee configuration).</summary>
    public string WhoDecrypts { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        Receipt = await LoadAsync();
        return Page();
    });

    public async Task<IActionResult> OnGetDownloadAsync() => await TryAsync(async () =>
    {
        var r = await LoadAsync();
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{Words["Ballotline receipt"]}\n\n{Words["Election:"]} {r.ElectionTitle} ({r.Election})\n")
            .Append(CultureInfo.InvariantCulture, $"{Words["Tracking code:"]} {r.ShortCode}\n{Words["Full tracking code:"]} {r.TrackingCode}\n")
            .Append(CultureInfo.InvariantCulture, $"{Words["Position in the ballot log: {0}", r.LogPosition]}\n{Words["Cast at:"]} {r.CastAt:yyyy-MM-dd HH:mm:ss} UTC\n")
            .Append(CultureInfo.InvariantCulture, $"{Words["Recording status when downloaded:"]} {r.Chain.Description}\n{(r.Chain.TransactionHash is null ? string.Empty : $"{Words["Transaction:"]} {r.Chain.TransactionHash}\n")}{Words["Verify:"]} {r.VerifyUrl}\n");
        return File(Encoding.UTF8.GetBytes(text.ToString()), "text/plain", $"ballotline-receipt-{r.ShortCode}.txt");
    });

    private async Task<Receipt> LoadAsync()
    {
        var entry = await BallotLookups.FindAsync(db, Code, HttpContext.RequestAborted);
        var election = await db.Elections.AsNoTracking().SingleAsync(e => e.Id == entry.ElectionId);
        WhoDecrypts = Elections.KeyHolders.Sentence(election.TrusteeCount, election.Quorum, Words);
        return CastingService.ReceiptFor(election, entry.TrackingCode, entry.ShortCode, entry.LogIndex, entry.CastAt, await ledger.StatusAsync(entry.ElectionId, entry.LogIndex, HttpContext.RequestAborted), Request.BaseUrl());
    }
}
