using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.Elections;
using Ballotline.Server.Mail;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Mail;

/// <summary>The pilot's messages through a real SMTP server (maildev from ./test.sh): invitations, launch, reminders, pause and resume.</summary>
public sealed class NoticeTests
{
    private static Task<List<JsonElement>> ArrivedAsync(string domain) => MailDev.ToDomainAsync(domain);

    private static BallotlineApp SmtpApp() => new BallotlineApp().With("Mail:Mode", "Smtp").With("Mail:Host", "127.0.0.1")
        .With("Mail:Port", MailDev.SmtpPort).With("Mail:Security", "None").With("Mail:PollSeconds", "0.2")
        .With("Mail:PublicBaseUrl", "https://vote.example");

    [Fact]
    public async Task The_pilot_group_gets_the_launch_their_invitations_reminders_and_pause_notices_by_email()
    {
        var domain = $"notices-{Guid.NewGuid():N}.example";
        await using var app = SmtpApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("notices"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(2, domain)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var invitations = (await (await pilot.Admin.PostAsync($"/api/elections/{election.Id}/invitations?email=true", null)).Content.ReadFromJsonAsync<List<Server.PilotGroup.PilotGroupApi.InvitationView>>())!;

        await Eventually.HoldsAsync(async () => (await ArrivedAsync(domain)).Count == 4, "launch announcements and invitations arrived");
        var mail = await ArrivedAsync(domain);
        var invitation = mail.Single(m => m.GetProperty("subject").GetString() == "You're invited to participate in our blockchain voting pilot!"
            && m.GetProperty("to")[0].GetProperty("address").GetString() == invitations[0].Email);
        var text = invitation.GetProperty("text").GetString()!;
        Assert.Contains(invitations[0].Link, text, StringComparison.Ordinal);
        Assert.Contains("Register as a voter (5 minutes)", text, StringComparison.Ordinal);
        Assert.Contains("support@example.org", text, StringComparison.Ordinal);
        Assert.Contains("this is a TEST election", text, StringComparison.Ordinal);
        Assert.Equal(2, mail.Count(m => m.GetProperty("subject").GetString() == "Registration is open: Pilot notices"));

        // The secret link is never stored in the clear, even in the mail queue.
        var stored = await app.WithDbAsync(db => db.OutgoingMail.Where(m => m.Kind == "invitation").Select(m => m.Body).ToListAsync());
        Assert.All(stored, body => Assert.DoesNotContain(PilotDriver.TokenOf(invitations[0]), body, StringComparison.Ordinal));

        // One voter registers; the reminder goes only to the other, and only once a day.
        var voter = await pilot.RegisterAsync(invitations[0]);
        var reminded = await (await pilot.Admin.PostAsync($"/api/elections/{election.Id}/reminders/NotRegistered", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, reminded.GetProperty("queued").GetInt32());
        var again = await (await pilot.Admin.PostAsync($"/api/elections/{election.Id}/reminders/NotRegistered", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("queued").GetInt32());

        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        await PilotDriver.EnsureAsync(await pilot.TransitionAsync(election.Id, ElectionState.Paused, "The chain provider is down; back by 14:00."));
        await PilotDriver.EnsureAsync(await pilot.TransitionAsync(election.Id, ElectionState.VotingOpen));
        await Eventually.HoldsAsync(async () => (await ArrivedAsync(domain)).Count == 7, "the reminder, pause and resume notices arrived");
        mail = await ArrivedAsync(domain);
        var paused = mail.Single(m => m.GetProperty("subject").GetString() == "Voting is paused: Pilot notices");
        Assert.Contains("The chain provider is down; back by 14:00.", paused.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(invitations[0].Email, paused.GetProperty("to")[0].GetProperty("address").GetString()); // registered voters only
        Assert.Single(mail, m => m.GetProperty("subject").GetString() == "Voting has resumed: Pilot notices");
        Assert.Single(mail, m => m.GetProperty("subject").GetString() == "Reminder: please register for Pilot notices");
        // The SMTP server has a message a moment before the outbox records it as sent: wait for the record.
        await Eventually.HoldsAsync(async () => (await pilot.Admin.GetFromJsonAsync<List<MailApi.DeliveryView>>($"/api/elections/{election.Id}/mail"))!.Count(d => d.Status == "Sent") == 7,
            "the outbox records the seven deliveries as sent");
        var deliveries = (await pilot.Admin.GetFromJsonAsync<List<MailApi.DeliveryView>>($"/api/elections/{election.Id}/mail"))!;
        Assert.Equal(7, deliveries.Count(d => d.Status == "Sent"));
        Assert.Equal(2, deliveries.Count(d => d.To == invitations[0].Email && d.Kind is "invitation" or "launch"));
        _ = voter;
    }

    [Fact]
    public async Task An_edited_template_is_used_and_a_template_without_the_link_is_refused()
    {
        var domain = $"template-{Guid.NewGuid():N}.example";
        await using var app = SmtpApp();
        var pilot = await PilotDriver.StartAsync(app);
        var refused = await pilot.Admin.PutAsJsonAsync("/api/mail-templates/invitation", new MailApi.TemplateView("invitation", "Hi", "No link here"));
        Assert.Equal("invalid-template", (await PilotDriver.ProblemAsync(refused)).GetProperty("code").GetString());
        await PilotDriver.EnsureAsync(await pilot.Admin.PutAsJsonAsync("/api/mail-templates/launch", new MailApi.TemplateView("launch", "Doors open for {{election}}", "Hello {{name}}, see you at {{site}}.")));
        var listed = await pilot.Admin.GetFromJsonAsync<List<MailApi.TemplateView>>("/api/mail-templates");
        Assert.Equal("Doors open for {{election}}", listed!.Single(t => t.Key == "launch").Subject);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("template"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(1, domain)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        await Eventually.HoldsAsync(async () => (await ArrivedAsync(domain)).Count == 1, "the launch announcement arrived");
        var launch = (await ArrivedAsync(domain)).Single();
        Assert.Equal("Doors open for Pilot template", launch.GetProperty("subject").GetString());
        Assert.Equal("Hello Voter 0, see you at https://vote.example.", launch.GetProperty("text").GetString()!.Trim());
    }
}
