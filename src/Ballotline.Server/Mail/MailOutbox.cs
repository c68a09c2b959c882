using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Mail;

/// <summary>Puts messages in the durable queue; a key already queued is skipped, so nothing is sent twice.</summary>
public sealed class MailOutbox(BallotlineDb db, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, Microsoft.Extensions.Options.IOptions<MailOptions> options, TimeProvider clock)
{
    public const string Purpose = "Ballotline.Mail.v1";

    /// <summary>
    /// Adds the message to the context (saved with the caller's changes); false if the key exists. A message that
    /// <paramref name="tiesAddressToBallot"/> is encrypted, erased once delivered and held to the end of its slot
    /// (<see cref="MailOptions.BallotMailSlotMinutes"/>).
    /// </summary>
    public async Task<bool> EnqueueAsync(string kind, string deduplicationKey, string to, string subject, string body, Guid? electionId, CancellationToken ct, bool sensitive = false, bool eraseAfterDelivery = false, bool tiesAddressToBallot = false)
    {
        if (await db.OutgoingMail.AnyAsync(m => m.DeduplicationKey == deduplicationKey, ct)
            || db.OutgoingMail.Local.Any(m => m.DeduplicationKey == deduplicationKey))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var encrypted = sensitive || tiesAddressToBallot;
        db.OutgoingMail.Add(new OutgoingMail
        {
            Kind = kind,
            DeduplicationKey = deduplicationKey,
            To = to,
            Subject = subject,
            Body = encrypted ? Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(protection.CreateProtector(Purpose), body) : body,
            Protected = encrypted,
            EraseAfterDelivery = eraseAfterDelivery || tiesAddressToBallot,
            ElectionId = electionId,
            CreatedAt = now,
            NextAttemptAt = tiesAddressToBallot ? options.Value.BallotMailRelease(now) : now,
        });
        return true;
    }

    public static bool IsDuplicate(DbUpdateException e) => DbErrors.IsUniqueViolation(e);

    /// <summary>The message text as written, decrypting a protected body.</summary>
    public static string Text(OutgoingMail mail, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return mail.Protected ? Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Unprotect(protection.CreateProtector(Purpose), mail.Body) : mail.Body;
    }
}
