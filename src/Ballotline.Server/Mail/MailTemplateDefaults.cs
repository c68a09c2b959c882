namespace Ballotline.Server.Mail;

/// <summary>
/// The built-in messages, from the pilot plan. Placeholders in double braces are filled with the election's own
/// data: {{name}}, {{election}}, {{registration_link}}, {{registration_window}}, {{voting_window}},
/// {{feedback_deadline}}, {{support_email}}, {{support_hours}}, {{test_notice}}, {{reason}}, {{site}}. Each language
/// has its own built-in text (<see cref="All"/> is English, <see cref="French"/> French), with the same placeholders.
/// </summary>
public static class MailTemplateDefaults
{
    public const string Invitation = "invitation";
    public const string Launch = "launch";
    public const string RemindRegister = "remind-register";
    public const string RemindVote = "remind-vote";
    public const string RemindFeedback = "remind-feedback";
    public const string Paused = "paused";
    public const string Resumed = "resumed";
    public const string Rollback = "rollback";

    public static IReadOnlyDictionary<string, (string Subject, string Body)> All { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [Invitation] = ("You're invited to participate in our blockchain voting pilot!",
            """
            Dear {{name}},

            You've been selected to participate in our blockchain-powered voting pilot: {{election}}.

            What is this?
            We're testing a new system that uses blockchain technology to make votes more secure and verifiable.

            What's expected:
            1. Register as a voter (5 minutes)
            2. Cast your vote during the voting period (2 minutes)
            3. Verify your vote on the blockchain (optional, 2 minutes)
            4. Fill out the feedback form (5 minutes)

            Schedule:
            - Registration: {{registration_window}}
            - Voting: {{voting_window}}
            - Feedback deadline: {{feedback_deadline}}

            Support:
            Email: {{support_email}}
            Hours: {{support_hours}}

            {{test_notice}}

            Your personal registration link (do not share it):
            {{registration_link}}

            Thank you for helping us improve!
            """),
        [Launch] = ("Registration is open: {{election}}",
            "Dear {{name}},\n\nRegistration for {{election}} is open ({{registration_window}}). You will register with the personal link in your invitation, which comes in its own email from the organisers (it may arrive a little after this one). Registering takes about 5 minutes.\nVoting: {{voting_window}}.\n\n{{test_notice}}\n\nQuestions? {{support_email}} ({{support_hours}})."),
        [RemindRegister] = ("Reminder: please register for {{election}}",
            "Dear {{name}},\n\nYou have not registered for {{election}} yet. Registration is open {{registration_window}}; use the link in your invitation (ask {{support_email}} for a new one if you cannot find it).\n\n{{test_notice}}"),
        [RemindVote] = ("Reminder: please vote in {{election}}",
            "Dear {{name}},\n\nYou are registered for {{election}} but have not voted yet. Voting is open {{voting_window}}: sign in at {{site}} — it takes about 2 minutes.\n\n{{test_notice}}"),
        [RemindFeedback] = ("Reminder: tell us how the pilot went",
            "Dear {{name}},\n\nThank you for taking part in {{election}}. Please give your feedback (about 5 minutes) before {{feedback_deadline}}: {{site}}/feedback\n\n{{test_notice}}"),
        [Paused] = ("Voting is paused: {{election}}",
            "Dear {{name}},\n\nVoting in {{election}} is paused: {{reason}}\nBallots already cast are safe and counted. We will tell you when voting resumes.\n\nQuestions? {{support_email}} ({{support_hours}})."),
        [Rollback] = ("Vote by the backup channel: {{election}}",
            "Dear {{name}},\n\nOnline voting in {{election}} has stopped and we have switched to our backup voting channel. If you have not voted yet, please vote this way:\n\n{{backup_instructions}}\n\nIf you already voted online, your ballot is safe and counted: do not vote again.\n\nWe are sorry for the trouble. Questions? {{support_email}} ({{support_hours}})."),
        [Resumed] = ("Voting has resumed: {{election}}",
            "Dear {{name}},\n\nVoting in {{election}} is open again ({{voting_window}}). If you have not voted yet, sign in at {{site}}.\n\n{{test_notice}}"),
    };

    /// <summary>The French built-in messages: the same keys and placeholders as <see cref="All"/>.</summary>
    public static IReadOnlyDictionary<string, (string Subject, string Body)> French { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [Invitation] = ("Vous êtes invité(e) à participer à notre pilote de vote sur blockchain !",
            """
            Bonjour {{name}},

            Vous avez été choisi(e) pour participer à notre pilote de vote sur blockchain : {{election}}.

            De quoi s'agit-il ?
            Nous essayons un nouveau système qui utilise la blockchain pour rendre les votes plus sûrs et vérifiables.

            Ce que nous vous demandons :
            1. Vous inscrire comme électeur (5 minutes)
            2. Voter pendant la période de vote (2 minutes)
            3. Vérifier votre vote sur la blockchain (facultatif, 2 minutes)
            4. Remplir le questionnaire d'avis (5 minutes)

            Calendrier :
            - Inscription : {{registration_window}}
            - Vote : {{voting_window}}
            - Date limite des avis : {{feedback_deadline}}

            Assistance :
            E-mail : {{support_email}}
            Horaires : {{support_hours}}

            {{test_notice}}

            Votre lien d'inscription personnel (ne le partagez pas) :
            {{registration_link}}

            Merci de nous aider à nous améliorer !
            """),
        [Launch] = ("Les inscriptions sont ouvertes : {{election}}",
            "Bonjour {{name}},\n\nLes inscriptions pour {{election}} sont ouvertes ({{registration_window}}). Vous vous inscrirez avec le lien personnel de votre invitation, qui arrive dans un e-mail séparé des organisateurs (il peut arriver un peu après celui-ci). L'inscription prend environ 5 minutes.\nVote : {{voting_window}}.\n\n{{test_notice}}\n\nDes questions ? {{support_email}} ({{support_hours}})."),
        [RemindRegister] = ("Rappel : merci de vous inscrire pour {{election}}",
            "Bonjour {{name}},\n\nVous ne vous êtes pas encore inscrit(e) pour {{election}}. Les inscriptions sont ouvertes {{registration_window}} ; utilisez le lien de votre invitation (demandez-en un nouveau à {{support_email}} si vous ne le trouvez plus).\n\n{{test_notice}}"),
        [RemindVote] = ("Rappel : merci de voter pour {{election}}",
            "Bonjour {{name}},\n\nVous êtes inscrit(e) pour {{election}} mais vous n'avez pas encore voté. Le vote est ouvert {{voting_window}} : connectez-vous sur {{site}} — cela prend environ 2 minutes.\n\n{{test_notice}}"),
        [RemindFeedback] = ("Rappel : dites-nous comment s'est passé le pilote",
            "Bonjour {{name}},\n\nMerci d'avoir participé à {{election}}. Donnez-nous votre avis (environ 5 minutes) avant le {{feedback_deadline}} : {{site}}/feedback\n\n{{test_notice}}"),
        [Paused] = ("Le vote est suspendu : {{election}}",
            "Bonjour {{name}},\n\nLe vote pour {{election}} est suspendu : {{reason}}\nLes bulletins déjà déposés sont en sécurité et seront comptés. Nous vous préviendrons quand le vote reprendra.\n\nDes questions ? {{support_email}} ({{support_hours}})."),
        [Rollback] = ("Votez par le moyen de secours : {{election}}",
            "Bonjour {{name}},\n\nLe vote en ligne pour {{election}} est arrêté et nous sommes passés à notre moyen de vote de secours. Si vous n'avez pas encore voté, merci de voter ainsi :\n\n{{backup_instructions}}\n\nSi vous avez déjà voté en ligne, votre bulletin est en sécurité et sera compté : ne votez pas une seconde fois.\n\nNous sommes désolés pour ce désagrément. Des questions ? {{support_email}} ({{support_hours}})."),
        [Resumed] = ("Le vote a repris : {{election}}",
            "Bonjour {{name}},\n\nLe vote pour {{election}} est de nouveau ouvert ({{voting_window}}). Si vous n'avez pas encore voté, connectez-vous sur {{site}}.\n\n{{test_notice}}"),
    };

    /// <summary>The built-in translations of every message, by language (English is <see cref="All"/>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string Subject, string Body)>> Translations { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, (string Subject, string Body)>>(StringComparer.Ordinal) { ["fr"] = French };

    /// <summary>The built-in text of a message in a language (English for a language without its own).</summary>
    public static (string Subject, string Body) BuiltIn(string key, string language) =>
        Translations.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var translated) ? translated
        : All.TryGetValue(key, out var english) ? english
        : throw Infrastructure.DomainException.NotFound($"Template '{key}'");
}
