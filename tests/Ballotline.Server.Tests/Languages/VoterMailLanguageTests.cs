using System.Net.Http.Json;
using Ballotline.Server.Elections;
using Ballotline.Server.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Languages;

/// <summary>Each voter's mail comes in their language: from the pilot-group file, then the one they registered or chose.</summary>
public sealed class VoterMailLanguageTests
{
    private static async Task<List<(string To, string Kind, string Subject, string Text)>> OutboxAsync(BallotlineApp app) =>
        await app.WithServiceAsync(async s =>
        {
            var protection = s.GetRequiredService<IDataProtectionProvider>();
            var mail = await s.GetRequiredService<Ballotline.Server.Data.BallotlineDb>().OutgoingMail.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
            return mail.Select(m => (m.To, m.Kind, m.Subject, MailOutbox.Text(m, protection))).ToList();
        });

    /// <summary>Submits a page's form as a browser does: with the antiforgery token the page carries, and its cookies.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string action, Dictionary<string, string> fields, bool expectSuccess = true)
    {
        var response = await PilotDriver.SubmitFormAsync(browser, page, action, fields);
        Assert.True(!expectSuccess || response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode}");
        return response;
    }

    [Fact]
    public async Task A_voter_listed_in_french_gets_french_mail_and_pages_while_an_english_voter_keeps_english()
    {
        await using var app = new BallotlineApp().With("Mail:TimeZone", "Europe/Paris");
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("langues"));
        var refused = await pilot.ImportAsync(election.Id, "name,email,group,age_band,location,language\nZoe,zoe@example.org,average,60+,Lyon,klingon\n");
        Assert.Contains("language 'klingon' must be one of en, fr", string.Join(' ', (await PilotDriver.ProblemAsync(refused)).GetProperty("errors").EnumerateArray().Select(d => d.GetString())), StringComparison.Ordinal);
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id,
            "name,email,group,age_band,location,language\nAline,aline@example.org,technical,30-44,Lyon,fr\nBob,bob@example.org,average,60+,Leeds,\n"));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var invitations = (await (await pilot.Admin.PostAsync($"/api/elections/{election.Id}/invitations?email=true", null)).Content.ReadFromJsonAsync<List<Server.PilotGroup.PilotGroupApi.InvitationView>>())!;
        var aline = invitations.Single(i => i.Email == "aline@example.org");
        var bob = invitations.Single(i => i.Email == "bob@example.org");

        // The launch and the invitation, each in the voter's language; Aline's link opens the pages in French.
        var mail = await OutboxAsync(app);
        Assert.Equal("Les inscriptions sont ouvertes : Pilot langues", mail.Single(m => m.To == aline.Email && m.Kind == "launch").Subject);
        Assert.Equal("Registration is open: Pilot langues", mail.Single(m => m.To == bob.Email && m.Kind == "launch").Subject);
        var invitation = mail.Single(m => m.To == aline.Email && m.Kind == "invitation");
        Assert.Equal("Vous êtes invité(e) à participer à notre pilote de vote sur blockchain !", invitation.Subject);
        Assert.EndsWith("?culture=fr", aline.Link, StringComparison.Ordinal);
        Assert.Contains(aline.Link, invitation.Text, StringComparison.Ordinal);
        Assert.Contains("Important : c'est une élection de TEST.", invitation.Text, StringComparison.Ordinal);
        // Times in the pilot's zone, with UTC beside them.
        var opens = election.VotingOpensAt.ToUniversalTime();
        var paris = TimeZoneInfo.ConvertTime(opens, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Contains($"- Vote : {paris:yyyy-MM-dd HH:mm} Europe/Paris ({opens:HH:mm} UTC) – ", invitation.Text, StringComparison.Ordinal);
        Assert.Contains("— L'annonce publique de cette élection —", invitation.Text, StringComparison.Ordinal);
        Assert.Contains("Autorité (la seule adresse qui peut y écrire) : 0x", invitation.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("?culture=", bob.Link, StringComparison.Ordinal);
        Assert.Equal("You're invited to participate in our blockchain voting pilot!", mail.Single(m => m.To == bob.Email && m.Kind == "invitation").Subject);

        using var browser = app.CreateClient();
        var page = await browser.GetStringAsync(new Uri(aline.Link).PathAndQuery);
        Assert.Contains("<html lang=\"fr\">", page, StringComparison.Ordinal);
        Assert.Contains("S&#x27;inscrire pour voter", page, StringComparison.Ordinal);

        // Registered through the API (no language named), Aline keeps French: her receipt and the pause notice are French.
        var alineVoter = await pilot.RegisterAsync(aline);
        var bobVoter = await pilot.RegisterAsync(bob);
        await pilot.OpenVotingAsync(election.Id);
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(alineVoter, election.Id, "beacon", emailReceipt: true));
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(bobVoter, election.Id, "aurora", emailReceipt: true));
        await PilotDriver.EnsureAsync(await pilot.TransitionAsync(election.Id, ElectionState.Paused, "Maintenance."));
        mail = await OutboxAsync(app);
        var receipt = mail.Single(m => m.To == aline.Email && m.Kind == "receipt");
        Assert.Equal("Votre code de suivi pour Pilot langues", receipt.Subject);
        Assert.StartsWith("Bonjour Aline,\n\nVotre bulletin pour Pilot langues est déposé.", receipt.Text, StringComparison.Ordinal);
        Assert.Equal("Your tracking code for Pilot langues", mail.Single(m => m.To == bob.Email && m.Kind == "receipt").Subject);
        Assert.Equal("Le vote est suspendu : Pilot langues", mail.Single(m => m.To == aline.Email && m.Kind == "paused").Subject);
        Assert.Equal("Voting is paused: Pilot langues", mail.Single(m => m.To == bob.Email && m.Kind == "paused").Subject);

        // Bob chooses French with the switch: his next mail is French, and an organiser's French version of a template is used.
        await PilotDriver.EnsureAsync(await pilot.Admin.PutAsJsonAsync("/api/mail-templates/resumed?language=fr", new MailApi.TemplateView("resumed", "On revote : {{election}}", "Bonjour {{name}}, c'est reparti.")));
        // Something stored per language takes exactly one of the languages' codes, the same rule for templates and help
        // pages: a version kept under "fr-CA" or "FR" would never be shown to anyone.
        foreach (var code in new[] { "xx", "fr-CA", "FR" })
        {
            Assert.Equal("unknown-language", (await PilotDriver.ProblemAsync(await pilot.Admin.PutAsJsonAsync($"/api/mail-templates/resumed?language={code}", new MailApi.TemplateView("resumed", "S", "B")))).GetProperty("code").GetString());
            Assert.Equal("unknown-language", (await PilotDriver.ProblemAsync(await pilot.Admin.PutAsJsonAsync($"/api/help/faq?language={code}", new { title = "T", markdown = "M" }))).GetProperty("code").GetString());
        }

        using var bobsBrowser = app.CreateClient();
        await PostFormAsync(bobsBrowser, "/account/sign-in", "/account/sign-in", new() { ["Email"] = bob.Email, ["Password"] = PilotDriver.Password });
        // A language Ballotline does not have is refused, and the switch never sends anyone off the site.
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await PostFormAsync(bobsBrowser, "/", "/language", new() { ["language"] = "xx", ["returnUrl"] = "/" }, expectSuccess: false)).StatusCode);
        var away = await PostFormAsync(bobsBrowser, "/", "/language", new() { ["language"] = "fr", ["returnUrl"] = "https://evil.example/" });
        Assert.Equal("/", away.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(new Uri(bobsBrowser.BaseAddress!, "/").Host, away.RequestMessage.RequestUri.Host);
        await PilotDriver.EnsureAsync(await pilot.TransitionAsync(election.Id, ElectionState.VotingOpen));
        mail = await OutboxAsync(app);
        Assert.All(mail.Where(m => m.Kind == "resumed"), m => Assert.Equal("On revote : Pilot langues", m.Subject));
        Assert.Equal("Bonjour Bob, c'est reparti.", mail.Single(m => m.To == bob.Email && m.Kind == "resumed").Text);
    }
}
