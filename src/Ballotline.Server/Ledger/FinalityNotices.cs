using Ballotline.Server.Data;
using Ballotline.Server.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Ledger;

/// <summary>Turns notices whose ballots became final into queued mail (one per ballot, never twice).</summary>
public sealed class FinalityNotices(BallotlineDb db, MailOutbox mail, IDataProtectionProvider protection, IOptions<MailOptions> mailOptions)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Ballotline.FinalityNotice.v1");

    public string Protect(string email) => _protector.Protect(email);

    public async Task QueueFinalAsync(CancellationToken ct)
    {
        var finalSizes = await db.Anchors.Where(a => a.Kind != AnchorKind.Open && a.Status == AnchorStatus.Final)
            .GroupBy(a => a.ElectionId).Select(g => new { ElectionId = g.Key, Size = g.Max(a => a.TreeSize) }).ToListAsync(ct);
        foreach (var final in finalSizes)
        {
            var notices = await db.FinalityNotices.Where(n => n.ElectionId == final.ElectionId && n.LogIndex < final.Size).ToListAsync(ct);
            if (notices.Count == 0)
            {
                continue;
            }

            var election = await db.Elections.AsNoTracking().SingleAsync(e => e.Id == final.ElectionId, ct);
            foreach (var notice in notices)
            {
                var ballot = await db.BallotBox.AsNoTracking().SingleAsync(b => b.ElectionId == notice.ElectionId && b.LogIndex == notice.LogIndex, ct);
                var link = $"{mailOptions.Value.PublicBaseUrl.TrimEnd('/')}/verify?code={ballot.TrackingCode}";
                await mail.EnqueueAsync("ballot-final", $"ballot-final:{Guid.NewGuid():N}", _protector.Unprotect(notice.ProtectedRecipient),
                    $"Your ballot in \"{election.Title}\" is recorded on the chain",
                    $"Your ballot with tracking code {ballot.ShortCode} is now final on the chain.\n\nCheck it yourself: {link}\n\n"
                    + "This message does not contain your choice. " + Elections.KeyHolders.Sentence(election.TrusteeCount, election.Quorum)
                    + (election.IsTest ? "\n\nThis is a TEST election: votes will not count for any real decision." : string.Empty),
                    election.Id, ct, sensitive: true, eraseAfterDelivery: true); // address and tracking code together: encrypted at rest, erased once sent; the key names no position
                // (the notice is removed in the same save, so it cannot be queued twice)
                db.FinalityNotices.Remove(notice);
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
