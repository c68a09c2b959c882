using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.Elections;
using Ballotline.Server.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Mail;

/// <summary>Mail through a real SMTP server (maildev, started by ./test.sh), and the local mailbox default.</summary>
public sealed class MailTests
{
    private static async Task<List<JsonElement>> ArrivedAsync(string domain) =>
        [.. (await MailDev.ToDomainAsync(domain)).Where(m => m.GetProperty("subject").GetString()!.Contains("is recorded on the chain", StringComparison.Ordinal))];

    /// <summary>
    /// Runs two more passes of the finality notices and the mail sender, to show what later passes do without
    /// sleeping and hoping they ran (the background loops may run as well: claims are atomic).
    /// </summary>
    private static async Task MorePassesAsync(BallotlineApp app)
    {
        var sender = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MailSender>().Single();
        for (var pass = 0; pass < 2; pass++)
        {
            await app.WithServiceAsync(s => s.GetRequiredService<Server.Anchoring.FinalityNotices>().QueueFinalAsync(CancellationToken.None));
            await sender.RunOnceAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Voters_are_emailed_once_through_smtp_when_their_ballot_is_final()
    {
        var domain = $"final-{Guid.NewGuid():N}.example";
        await using var app = new BallotlineApp().With("Mail:Mode", "Smtp").With("Mail:Host", "127.0.0.1").With("Mail:Port", MailDev.SmtpPort)
            .With("Mail:Security", "None").With("Mail:PollSeconds", "0.2").With("Mail:PublicBaseUrl", "https://vote.example");
        var (_, receipts) = await (await PilotDriver.StartAsync(app)).CastWithFinalityNoticesAsync("mail-final", 2, domain);

        await Eventually.HoldsAsync(async () => (await ArrivedAsync(domain)).Count == 2, "both voters received the notice");
        var messages = await ArrivedAsync(domain);
        foreach (var receipt in receipts)
        {
            Assert.Single(messages, m => m.GetProperty("text").GetString()!.Contains(receipt.ShortCode, StringComparison.Ordinal)
                && m.GetProperty("text").GetString()!.Contains($"https://vote.example/verify?code={receipt.TrackingCode}", StringComparison.Ordinal));
        }

        Assert.All(messages, m => Assert.Contains("is recorded on the chain", m.GetProperty("subject").GetString(), StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.FinalityNotices.CountAsync()));
        // Delivered, then erased: no stored message keeps an address beside a tracking code.
        Assert.Equal(0, await app.WithDbAsync(db => db.OutgoingMail.CountAsync(m => m.Kind == "ballot-final")));

        // Later passes find nothing new to send: two more of each (run here, not waited for).
        await MorePassesAsync(app);
        Assert.Equal(2, (await ArrivedAsync(domain)).Count);
    }

    [Fact]
    public async Task Without_smtp_messages_are_kept_in_the_local_mailbox()
    {
        var domain = $"box-{Guid.NewGuid():N}.example";
        await using var app = new BallotlineApp().With("Mail:PollSeconds", "0.2");
        await (await PilotDriver.StartAsync(app)).CastWithFinalityNoticesAsync("mailbox", 1, domain);
        await Eventually.HoldsAsync(() => app.WithDbAsync(db => db.OutgoingMail.AnyAsync(m => m.Kind == "ballot-final" && m.Status == MailStatus.Stored)), "the notice is stored");
        Assert.Empty(await ArrivedAsync(domain));
    }

    [Fact]
    public async Task An_unreachable_smtp_server_leaves_the_message_queued_with_the_reason()
    {
        var domain = $"down-{Guid.NewGuid():N}.example";
        await using var app = new BallotlineApp().With("Mail:Mode", "Smtp").With("Mail:Host", "127.0.0.1").With("Mail:Port", Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Mail:Security", "None").With("Mail:PollSeconds", "0.2");
        await (await PilotDriver.StartAsync(app)).CastWithFinalityNoticesAsync("mail-down", 1, domain);
        await Eventually.HoldsAsync(() => app.WithDbAsync(db => db.OutgoingMail.AnyAsync(m => m.Kind == "ballot-final" && m.Attempts > 0 && m.LastError != null)), "a delivery attempt failed");
        var mail = await app.WithDbAsync(db => db.OutgoingMail.SingleAsync(m => m.Kind == "ballot-final"));
        Assert.Equal(MailStatus.Queued, mail.Status);
        Assert.True(mail.NextAttemptAt > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_refused_address_is_marked_bounced_per_voter_after_one_attempt_and_the_rest_are_delivered()
    {
        var port = Environment.GetEnvironmentVariable("BALLOTLINE_TEST_REFUSING_SMTP_PORT")
            ?? throw new InvalidOperationException("BALLOTLINE_TEST_REFUSING_SMTP_PORT is not set: run the tests with ./test.sh, which starts the refusing SMTP server.");
        await using var app = new BallotlineApp().With("Mail:Mode", "Smtp").With("Mail:Host", "127.0.0.1").With("Mail:Port", port)
            .With("Mail:Security", "None").With("Mail:PollSeconds", "0.2").With("Mail:PublicBaseUrl", "https://vote.example");
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("bounces"));
        var csv = "name,email,group,age_band,location\nAda,ada@nowhere.test,technical,30-44,City\nBo,bo@example.org,average,60+,Town\n";
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, csv));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        await PilotDriver.EnsureAsync(await pilot.Admin.PostAsync($"/api/elections/{election.Id}/invitations?email=true", null));

        List<MailApi.DeliveryView> Invitations(List<MailApi.DeliveryView> all) => [.. all.Where(m => m.Kind == "invitation")];
        var deliveries = new List<MailApi.DeliveryView>();
        await Eventually.HoldsAsync(async () =>
        {
            deliveries = Invitations((await pilot.Admin.GetFromJsonAsync<List<MailApi.DeliveryView>>($"/api/elections/{election.Id}/mail"))!);
            return deliveries.Count == 2 && deliveries.All(d => d.Status is "Bounced" or "Sent");
        }, "both invitations reached a final status");

        var refused = deliveries.Single(d => d.To == "ada@nowhere.test");
        Assert.Equal("Bounced", refused.Status);
        Assert.Equal(1, refused.Attempts);
        Assert.StartsWith("550", refused.LastError, StringComparison.Ordinal);
        Assert.Equal("Sent", deliveries.Single(d => d.To == "bo@example.org").Status);

        // A bounce is final: later passes (run here, not waited for) do not retry it.
        await MorePassesAsync(app);
        var again = Invitations((await pilot.Admin.GetFromJsonAsync<List<MailApi.DeliveryView>>($"/api/elections/{election.Id}/mail"))!).Single(d => d.To == "ada@nowhere.test");
        Assert.Equal(1, again.Attempts);
        Assert.Equal("Bounced", again.Status);
    }
}
