namespace Ballotline.Server.Mail;

/// <summary>
/// The built-in messages, from the pilot plan. Placeholders in double braces are filled with the election's own
/// data: {{name}}, {{election}}, {{registration_link}}, {{registration_window}}, {{voting_window}},
/// {{feedback_deadline}}, {{support_email}}, {{support_hours}}, {{test_notice}}, {{reason}}, {{site}}.
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
}
