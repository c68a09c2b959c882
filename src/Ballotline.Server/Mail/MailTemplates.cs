using System.Globalization;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Mail;

/// <summary>Reads, edits and fills the message templates.</summary>
public sealed class MailTemplates(BallotlineDb db, TimeProvider clock)
{
    public async Task<(string Subject, string Body)> GetAsync(string key, CancellationToken ct)
    {
        var saved = await db.MailTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct);
        return saved is not null ? (saved.Subject, saved.Body)
            : MailTemplateDefaults.All.TryGetValue(key, out var builtIn) ? builtIn : throw DomainException.NotFound($"Template '{key}'");
    }

    public async Task SaveAsync(string key, string subject, string body, string actor, CancellationToken ct)
    {
        if (!MailTemplateDefaults.All.ContainsKey(key))
        {
            throw DomainException.NotFound($"Template '{key}'");
        }

        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200 || string.IsNullOrWhiteSpace(body) || body.Length > 8000)
        {
            throw new DomainException("invalid-template", "A template needs a subject (at most 200 characters) and a body (at most 8,000).");
        }

        if (key == MailTemplateDefaults.Invitation && !body.Contains("{{registration_link}}", StringComparison.Ordinal))
        {
            throw new DomainException("invalid-template", "The invitation must contain {{registration_link}}: it is the voter's only way in.");
        }

        var saved = await db.MailTemplates.FirstOrDefaultAsync(t => t.Key == key, ct);
        if (saved is null)
        {
            saved = new MailTemplate { Key = key, Subject = subject, Body = body };
            db.MailTemplates.Add(saved);
        }

        saved.Subject = subject.Trim();
        saved.Body = body.Replace("\r\n", "\n", StringComparison.Ordinal);
        saved.UpdatedAt = clock.GetUtcNow();
        saved.UpdatedBy = actor;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The values every message can use, from the election's own data.</summary>
    public static Dictionary<string, string> Values(Election election, string name, string site)
    {
        ArgumentNullException.ThrowIfNull(election);
        static string T(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        return new(StringComparer.Ordinal)
        {
            ["name"] = name,
            ["election"] = election.Title,
            ["registration_window"] = $"{T(election.RegistrationOpensAt)} – {T(election.RegistrationClosesAt)}",
            ["voting_window"] = $"{T(election.VotingOpensAt)} – {T(election.VotingClosesAt)}",
            ["feedback_deadline"] = T(election.FeedbackDeadline),
            ["support_email"] = election.SupportEmail,
            ["support_hours"] = election.SupportHours,
            ["test_notice"] = election.IsTest ? "Important: this is a TEST election. Votes won't count for real decisions." : string.Empty,
            ["reason"] = election.PauseReason ?? string.Empty,
            ["backup_instructions"] = election.BackupInstructions,
            ["site"] = site.TrimEnd('/'),
        };
    }

    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var text = template;
        foreach (var (key, value) in values)
        {
            text = text.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        }

        return text;
    }
}
