using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Markdig;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Operations;

/// <summary>
/// The support materials. Markdown is rendered with raw HTML disabled, so anything a staff member pastes is shown
/// as text and never runs in a voter's browser.
/// </summary>
public sealed class HelpPages(BallotlineDb db, TimeProvider clock)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    public static readonly IReadOnlyDictionary<string, (string Title, string Markdown)> Defaults = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["faq"] = ("Frequently asked questions", "## Is my vote secret?\nYes. Your device encrypts your choices before sending them. Only the election's key holders can decrypt, and they decrypt only the total, never one ballot: with one trustee (the usual pilot set-up) that is the organiser, with a passphrase Ballotline does not store; with several trustees, a quorum of them together. Your receipt says which applies to your election. Ballotline keeps no record of who cast which ballot: the list of who has voted and the ballot box are separate and share no time or order.\n\n## What is the tracking code?\nA fingerprint of your encrypted ballot. Use it on the *Verify* page to check your ballot is in the public log and recorded on the chain.\n\n## This is a test?\nYes: votes in a pilot election do not count for any real decision."),
        ["security"] = ("How your vote stays secret", "## Your choice is locked on your device\nYour browser encrypts your choices before anything is sent. The server checks that your encrypted ballot is well formed, without being able to open it.\n\n## Who can decrypt\nOnly the election's key holders, and only the total of all ballots: no one ever decrypts a single ballot. With one trustee (the usual pilot set-up) the key is sealed with the organiser's passphrase, which Ballotline does not store — a copy of the server's data cannot decrypt anything. With several trustees, a quorum of them must work together, each with a key share on their own computer. Your receipt says which applies to your election.\n\n## Who voted is not linked to what was cast\nThe list of who has voted and the ballot box are kept apart: the list keeps no time and no order, e-mails that contain your tracking code are deleted once delivered, and the logs never record a tracking code beside a name.\n\n## What you can check yourself\nWith your tracking code, the *Verify* page shows your encrypted ballot in the public log and the blockchain record that covers it. After the count, anyone can download the election record and re-check the result."),
        ["troubleshooting"] = ("Troubleshooting", "1. **My invitation link does not work.** Links are single-use and expire when registration closes. Ask support for a new one.\n2. **I forgot my password.** On the sign-in page choose “Forgot your password?” and type your email address: a link to choose a new one arrives by email. Nothing arrives? Write to support.\n3. **My receipt says “waiting to be recorded on the chain”.** That is normal for a minute or so; reload the page."),
        ["escalation"] = ("Escalation procedure", "| Severity | Examples | Response |\n|---|---|---|\n| 1 Critical | voting broken, data-loss risk, security breach | immediately: pause voting if needed, notify users |\n| 2 High | partial failure, slow, chain delays | within 2 hours |\n| 3 Medium | UI confusion, minor bugs, documentation | within 4 hours |\n| 4 Low | enhancements, cosmetic | backlog |"),
        ["contacts"] = ("Contact list", "- Support desk: see the election's support address and hours\n- Election administrator: (fill in)\n- On-call engineer: (fill in)"),
    };

    public async Task<HelpPage> GetAsync(string slug, CancellationToken ct)
    {
        var saved = await db.HelpPages.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, ct);
        return saved ?? (Defaults.TryGetValue(slug, out var d) ? new HelpPage { Slug = slug, Title = d.Title, Markdown = d.Markdown } : throw DomainException.NotFound($"The page '{slug}'"));
    }

    public async Task SaveAsync(string slug, string title, string markdown, string actor, CancellationToken ct)
    {
        if (!Defaults.ContainsKey(slug))
        {
            throw DomainException.NotFound($"The page '{slug}'");
        }

        if (string.IsNullOrWhiteSpace(title) || title.Length > 200 || markdown is null || markdown.Length > 50_000)
        {
            throw new DomainException("invalid-page", "A page needs a title (at most 200 characters) and at most 50,000 characters of text.");
        }

        var page = await db.HelpPages.FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (page is null)
        {
            page = new HelpPage { Slug = slug, Title = title, Markdown = markdown };
            db.HelpPages.Add(page);
        }

        page.Title = title.Trim();
        page.Markdown = markdown;
        page.UpdatedAt = clock.GetUtcNow();
        page.UpdatedBy = actor;
        await db.SaveChangesAsync(ct);
    }

    public static string ToHtml(string markdown) => Ballotline.Reporting.SafeMarkdown.ToHtml(markdown, Pipeline);
}
