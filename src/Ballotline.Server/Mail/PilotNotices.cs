using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Languages;
using Ballotline.Server.PilotGroup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Mail;

/// <summary>
/// Queues the pilot's messages to its voters: invitations, launch, reminders, pause and resume notices, each in the
/// voter's language (its template version and its words).
/// </summary>
public sealed class PilotNotices(BallotlineDb db, MailOutbox outbox, MailTemplates templates, IOptions<MailOptions> options, IStringLocalizer<VoterText> words, TimeProvider clock, Anchoring.ChainConnection chain)
{
    public enum Reminder
    {
        NotRegistered,
        NotVoted,
        NoFeedback,
    }

    private string Site => options.Value.PublicBaseUrl;

    /// <summary>
    /// Emails each fresh invitation; the body holds the voter's secret link, so it is stored encrypted. With
    /// <paramref name="eraseAfterDelivery"/> (a link sent again to one voter, who uses it at once and votes minutes
    /// later) the message is deleted once delivered: its times beside the address would point at the ballot.
    /// </summary>
    public async Task<int> InvitationsAsync(Election election, IReadOnlyList<Invitation> invitations, string baseUrl, CancellationToken ct, bool eraseAfterDelivery = false)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(invitations);
        var queued = 0;
        var texts = new Dictionary<string, (string Subject, string Body)>(StringComparer.Ordinal); // one look-up per language
        var zone = options.Value.Zone;
        foreach (var invitation in invitations)
        {
            var language = invitation.Language ?? VoterLanguages.Default;
            using var inLanguage = VoterLanguages.Use(language);
            if (!texts.TryGetValue(language, out var text))
            {
                text = await templates.GetAsync(MailTemplateDefaults.Invitation, language, ct);
                texts[language] = text = (text.Subject, text.Body + await AnnouncementAsync(election, ct));
            }

            var (subject, body) = text;
            var values = MailTemplates.Values(election, invitation.Name, Site, words, zone);
            values["registration_link"] = invitation.Link(baseUrl);
            if (await outbox.EnqueueAsync("invitation", $"invitation:{invitation.VoterId}:{Infrastructure.Tokens.Hash(invitation.Token)[..16]}", invitation.Email,
                MailTemplates.Fill(subject, values), MailTemplates.Fill(body, values), election.Id, ct, sensitive: true, eraseAfterDelivery: eraseAfterDelivery))
            {
                queued++;
            }
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }

    /// <summary>
    /// The election's announcement, added after the organiser's template so that no edit can drop it: the values
    /// when the contract is already on the chain, else where to read them. Voters keep it to check the record later.
    /// </summary>
    private async Task<string> AnnouncementAsync(Election election, CancellationToken ct)
    {
        if (!chain.Options.Enabled)
        {
            return string.Empty;
        }

        var url = $"{Site.TrimEnd('/')}/api/elections/{election.Slug}/announcement";
        var announcement = await Anchoring.ElectionAnnouncement.ForAsync(db, chain, election, ct);
        return $"\n\n— {words["This election's public announcement"]} —\n"
            + (announcement is null ? words["Where this election's ballots are recorded, and by whom, is published at {0}; note it before you vote.", url] : announcement.ToText(url, words));
    }

    public Task<int> LaunchAsync(Election election, CancellationToken ct) =>
        ToVotersAsync(election, MailTemplateDefaults.Launch, "launch", v => true, $"launch:{election?.Id}", ct);

    public Task<int> StateChangeAsync(Election election, bool paused, string occasion, CancellationToken ct) =>
        ToVotersAsync(election, paused ? MailTemplateDefaults.Paused : MailTemplateDefaults.Resumed, paused ? "paused" : "resumed",
            v => v.RegisteredAt != null, $"{(paused ? "paused" : "resumed")}:{election?.Id}:{occasion}", ct);

    public Task<int> RollbackAsync(Election election, string occasion, CancellationToken ct) =>
        ToVotersAsync(election, MailTemplateDefaults.Rollback, "rollback", v => true, $"rollback:{election?.Id}:{occasion}", ct);

    /// <summary>At most one reminder of each kind per voter and day.</summary>
    public async Task<int> RemindAsync(Election election, Reminder reminder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(election);
        var voted = await db.VoterRoll.Where(r => r.ElectionId == election.Id).Select(r => r.PilotVoterId).ToListAsync(ct);
        var castOnline = await db.VoterRoll.Where(r => r.ElectionId == election.Id && r.Channel == Voting.VotingChannel.Online).Select(r => r.PilotVoterId).ToListAsync(ct);
        var gaveFeedback = await db.Feedback.Where(f => f.ElectionId == election.Id).Select(f => f.PilotVoterId).ToListAsync(ct);
        var day = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return reminder switch
        {
            Reminder.NotRegistered => await ToVotersAsync(election, MailTemplateDefaults.RemindRegister, "reminder", v => v.RegisteredAt == null, $"remind-register:{election.Id}:{day}", ct),
            Reminder.NotVoted => await ToVotersAsync(election, MailTemplateDefaults.RemindVote, "reminder", v => v.RegisteredAt != null && !voted.Contains(v.Id), $"remind-vote:{election.Id}:{day}", ct),
            // The plan's feedback response rate counts voters who cast online; each of them gets one gentle
            // reminder, ever (the key has no day), however often staff press the button.
            Reminder.NoFeedback => await ToVotersAsync(election, MailTemplateDefaults.RemindFeedback, "reminder", v => castOnline.Contains(v.Id) && !gaveFeedback.Contains(v.Id), $"remind-feedback:{election.Id}", ct),
        };
    }

    private async Task<int> ToVotersAsync(Election election, string template, string kind, Func<PilotVoter, bool> who, string keyPrefix, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(election);
        var voters = (await db.PilotVoters.AsNoTracking().Where(v => v.ElectionId == election.Id).ToListAsync(ct)).Where(who).ToList();
        var queued = 0;
        var texts = new Dictionary<string, (string Subject, string Body)>(StringComparer.Ordinal); // one look-up per language
        var zone = options.Value.Zone;
        foreach (var voter in voters)
        {
            var language = voter.Language ?? VoterLanguages.Default;
            using var inLanguage = VoterLanguages.Use(language);
            if (!texts.TryGetValue(language, out var text))
            {
                texts[language] = text = await templates.GetAsync(template, language, ct);
            }

            var (subject, body) = text;
            var values = MailTemplates.Values(election, voter.Name, Site, words, zone);
            if (await outbox.EnqueueAsync(kind, $"{keyPrefix}:{voter.Id}", voter.Email, MailTemplates.Fill(subject, values), MailTemplates.Fill(body, values), election.Id, ct))
            {
                queued++;
            }
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }
}
