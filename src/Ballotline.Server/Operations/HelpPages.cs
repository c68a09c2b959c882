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

    /// <summary>The voter-facing pages' built-in French; a page without one is shown in English, and says so (its Language).</summary>
    public static readonly IReadOnlyDictionary<string, (string Title, string Markdown)> FrenchDefaults = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["faq"] = ("Questions fréquentes", "## Mon vote est-il secret ?\nOui. Votre appareil chiffre vos choix avant de les envoyer. Seuls les détenteurs des clés de l'élection peuvent déchiffrer, et ils ne déchiffrent que le total, jamais un bulletin : avec un seul garant (le cas habituel d'un pilote), c'est l'organisateur, avec une phrase secrète que Ballotline ne conserve pas ; avec plusieurs garants, un quorum d'entre eux ensemble. Votre reçu indique ce qui vaut pour votre élection. Ballotline ne garde aucune trace de qui a déposé quel bulletin : la liste des votants et l'urne sont séparées et ne partagent ni heure ni ordre.\n\n## Qu'est-ce que le code de suivi ?\nUne empreinte de votre bulletin chiffré. Utilisez-le sur la page *Vérifier un bulletin* pour vérifier que votre bulletin est dans le journal public et enregistré sur la chaîne.\n\n## C'est un test ?\nOui : les votes d'une élection pilote ne comptent pour aucune vraie décision."),
        ["security"] = ("Comment votre vote reste secret", "## Votre choix est verrouillé sur votre appareil\nVotre navigateur chiffre vos choix avant tout envoi. Le serveur vérifie que votre bulletin chiffré est bien formé, sans pouvoir l'ouvrir.\n\n## Qui peut déchiffrer\nSeuls les détenteurs des clés de l'élection, et seulement le total de tous les bulletins : personne ne déchiffre jamais un bulletin. Avec un seul garant (le cas habituel d'un pilote), la clé est scellée par la phrase secrète de l'organisateur, que Ballotline ne conserve pas — une copie des données du serveur ne peut rien déchiffrer. Avec plusieurs garants, un quorum d'entre eux doit travailler ensemble, chacun avec une part de clé sur son propre ordinateur. Votre reçu indique ce qui vaut pour votre élection.\n\n## Qui a voté n'est pas relié à ce qui a été déposé\nLa liste des votants et l'urne sont tenues à part : la liste ne garde ni heure ni ordre, les e-mails qui contiennent votre code de suivi sont effacés une fois remis, et les journaux n'écrivent jamais un code de suivi à côté d'un nom.\n\n## Ce que vous pouvez vérifier vous-même\nAvec votre code de suivi, la page *Vérifier un bulletin* montre votre bulletin chiffré dans le journal public et l'enregistrement sur la blockchain qui le couvre. Après le décompte, chacun peut télécharger le registre de l'élection et revérifier le résultat."),
        ["troubleshooting"] = ("Dépannage", "1. **Mon lien d'invitation ne marche pas.** Les liens ne servent qu'une fois et expirent à la clôture des inscriptions. Demandez-en un nouveau à l'assistance.\n2. **J'ai oublié mon mot de passe.** Sur la page de connexion, choisissez « Mot de passe oublié ? » et tapez votre adresse e-mail : un lien pour en choisir un nouveau arrive par e-mail. Rien n'arrive ? Écrivez à l'assistance.\n3. **Mon reçu dit que mon vote sera ajouté au registre public dans une minute ou deux.** C'est normal pendant une minute environ ; rechargez la page."),
    };

    /// <summary>The built-in translations of the voter-facing pages, by language (English is <see cref="Defaults"/>).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string Title, string Markdown)>> Translations =
        new Dictionary<string, IReadOnlyDictionary<string, (string Title, string Markdown)>>(StringComparer.Ordinal) { ["fr"] = FrenchDefaults };

    /// <summary>The page in <paramref name="language"/>: staff's version, else the built-in one, else the English page (its Language says so).</summary>
    public async Task<HelpPage> GetAsync(string slug, string language, CancellationToken ct)
    {
        var saved = await db.HelpPages.AsNoTracking().Where(p => p.Slug == slug && (p.Language == language || p.Language == Languages.VoterLanguages.Default)).ToListAsync(ct);
        return saved.FirstOrDefault(p => p.Language == language)
            ?? (Translations.TryGetValue(language, out var translated) && translated.TryGetValue(slug, out var page)
                ? new HelpPage { Slug = slug, Language = language, Title = page.Title, Markdown = page.Markdown } : null)
            ?? saved.FirstOrDefault()
            ?? (Defaults.TryGetValue(slug, out var d) ? new HelpPage { Slug = slug, Title = d.Title, Markdown = d.Markdown } : throw DomainException.NotFound($"The page '{slug}'"));
    }

    public async Task SaveAsync(string slug, string language, string title, string markdown, string actor, CancellationToken ct)
    {
        language = Languages.VoterLanguages.Exact(language);
        if (slug is null || !Defaults.ContainsKey(slug)) // null when a crafted form posts an empty Slug over the route's
        {
            throw DomainException.NotFound($"The page '{slug}'");
        }

        if (string.IsNullOrWhiteSpace(title) || title.Length > 200 || markdown is null || markdown.Length > 50_000)
        {
            throw new DomainException("invalid-page", "A page needs a title (at most 200 characters) and at most 50,000 characters of text.");
        }

        var page = await db.HelpPages.FirstOrDefaultAsync(p => p.Slug == slug && p.Language == language, ct);
        if (page is null)
        {
            page = new HelpPage { Slug = slug, Language = language, Title = title, Markdown = markdown };
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
