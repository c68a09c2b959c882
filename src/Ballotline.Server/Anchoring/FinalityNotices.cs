using Ballotline.Server.Data;
using Ballotline.Server.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Anchoring;

/// <summary>Turns notices whose ballots became final into queued mail (one per ballot, never twice).</summary>
public sealed class FinalityNotices(BallotlineDb db, MailOutbox mail, IDataProtectionProvider protection, IOptions<MailOptions> mailOptions, IStringLocalizer<Languages.VoterText> words)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Ballotline.FinalityNotice.v1");

    /// <summary>
    /// The address and the language the voter cast in, encrypted together: the language beside a log position in the
    /// clear would narrow down whose ballot it is.
    /// </summary>
    public string Protect(string email, string language) => _protector.Protect($"{language}\n{email}");

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
                var recipient = _protector.Unprotect(notice.ProtectedRecipient).Split('\n', 2);
                using (Languages.VoterLanguages.Use(recipient[0]))
                {
                    await mail.EnqueueAsync("ballot-final", $"ballot-final:{Guid.NewGuid():N}", recipient[1],
                        words["Your ballot in \"{0}\" is recorded on the chain", election.Title],
                        $"{words["Your ballot with tracking code {0} is now final on the chain.", ballot.ShortCode]}\n\n{words["Check it yourself: {0}", link]}\n\n"
                        + $"{words["This message does not contain your choice."]} {Elections.KeyHolders.Sentence(election.TrusteeCount, election.Quorum, words)}"
                        + (election.IsTest ? $"\n\n{words["This is a TEST election: votes will not count for any real decision."]}" : string.Empty),
                        election.Id, ct, tiesAddressToBallot: true); // encrypted at rest, erased once sent, held to its slot; the key names no position
                }

                // (the notice is removed in the same save, so it cannot be queued twice)
                db.FinalityNotices.Remove(notice);
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
