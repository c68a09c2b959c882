using System.Globalization;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ballotline.Server.Mail;

/// <summary>Reads, edits and fills the message templates, one version per language.</summary>
public sealed class MailTemplates(BallotlineDb db, TimeProvider clock)
{
    public async Task<(string Subject, string Body)> GetAsync(string key, string language, CancellationToken ct)
    {
        language = Languages.VoterLanguages.Exact(language);
        var saved = await db.MailTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key && t.Language == language, ct);
        return saved is not null ? (saved.Subject, saved.Body) : MailTemplateDefaults.BuiltIn(key, language);
    }

    public async Task SaveAsync(string key, string language, string subject, string body, string actor, CancellationToken ct)
    {
        language = Languages.VoterLanguages.Exact(language);
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

        var saved = await db.MailTemplates.FirstOrDefaultAsync(t => t.Key == key && t.Language == language, ct);
        if (saved is null)
        {
            saved = new MailTemplate { Key = key, Language = language, Subject = subject, Body = body };
            db.MailTemplates.Add(saved);
        }

        saved.Subject = subject.Trim();
        saved.Body = body.Replace("\r\n", "\n", StringComparison.Ordinal);
        saved.UpdatedAt = clock.GetUtcNow();
        saved.UpdatedBy = actor;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The values every message can use, from the election's own data; the test notice in the message's language.</summary>
    public static Dictionary<string, string> Values(Election election, string name, string site, IStringLocalizer words, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(zone);
        string T(DateTimeOffset t) => Moment(t, zone);
        return new(StringComparer.Ordinal)
        {
            ["name"] = name,
            ["election"] = election.Title,
            ["registration_window"] = $"{T(election.RegistrationOpensAt)} – {T(election.RegistrationClosesAt)}",
            ["voting_window"] = $"{T(election.VotingOpensAt)} – {T(election.VotingClosesAt)}",
            ["feedback_deadline"] = T(election.FeedbackDeadline),
            ["support_email"] = election.SupportEmail,
            ["support_hours"] = election.SupportHours,
            ["test_notice"] = election.IsTest ? words["Important: this is a TEST election. Votes won't count for real decisions."] : string.Empty,
            ["reason"] = election.PauseReason ?? string.Empty,
            ["backup_instructions"] = election.BackupInstructions,
            ["site"] = site.TrimEnd('/'),
        };
    }

    /// <summary>"2026-12-01 10:30 UTC", or in the pilot's zone with UTC beside it: "2026-12-01 11:30 Europe/Oslo (10:30 UTC)".</summary>
    public static string Moment(DateTimeOffset moment, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var utc = moment.ToUniversalTime();
        return zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC"
            ? utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"
            : $"{TimeZoneInfo.ConvertTime(utc, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {zone.Id} ({utc.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC)";
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
