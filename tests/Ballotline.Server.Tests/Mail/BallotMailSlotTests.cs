using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Mail;

/// <summary>
/// A mailed receipt ties an address to a ballot, and the mail server's own log says when it was sent: sent at the
/// cast, it would give the voter's cast time, which the record publishes beside the ballot. With SMTP, receipts and
/// final notices are held to the end of their slot (the product's hour) and leave together, in random order.
/// </summary>
public sealed class BallotMailSlotTests
{
    [Fact]
    public async Task Receipts_cast_minutes_apart_leave_together_at_the_end_of_their_slot_and_not_before()
    {
        var domain = $"slot-{Guid.NewGuid():N}.example";
        var slot = new MailOptions().BallotMailSlotMinutes;
        await using var app = new BallotlineApp().With("Mail:Mode", "Smtp").With("Mail:Host", "127.0.0.1").With("Mail:Port", MailDev.SmtpPort)
            .With("Mail:Security", "None").With("Mail:PollSeconds", "0.2").With("Mail:BallotMailSlotMinutes", slot.ToString(CultureInfo.InvariantCulture));
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync("slot", 3, domain);
        await pilot.OpenVotingAsync(election.Id);

        // Start a minute into a slot, then cast three ballots with receipts, ten minutes apart.
        var now = app.Clock.GetUtcNow();
        var slotStart = new DateTimeOffset(now.UtcTicks / TimeSpan.FromMinutes(slot).Ticks * TimeSpan.FromMinutes(slot).Ticks, TimeSpan.Zero);
        app.Clock.Advance(slotStart.AddMinutes(slot + 1) - now);
        var end = slotStart.AddMinutes(2 * slot);
        var codes = new List<string>();
        foreach (var invitation in invitations)
        {
            var cast = await PilotDriver.CastAsync(await pilot.RegisterAsync(invitation), election.Id, "aurora", emailReceipt: true);
            await PilotDriver.EnsureAsync(cast);
            codes.Add((await cast.Content.ReadFromJsonAsync<Server.Voting.Receipt>())!.ShortCode);
            app.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var held = await app.WithDbAsync(db => db.OutgoingMail.Where(m => m.Kind == "receipt").ToListAsync());
        Assert.Equal(3, held.Count);
        Assert.All(held, m => Assert.Equal((MailStatus.Queued, end), (m.Status, m.NextAttemptAt)));
        var sender = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MailSender>().Single();
        await sender.RunOnceAsync(CancellationToken.None);
        Assert.Equal(3, await app.WithDbAsync(db => db.OutgoingMail.CountAsync(m => m.Kind == "receipt" && m.Status == MailStatus.Queued)));
        Assert.Empty(await ReceiptsAsync(domain));

        app.Clock.Advance(end - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(async () => (await ReceiptsAsync(domain)).Count == 3, "the slot's receipts are delivered once it ends");
        var texts = (await ReceiptsAsync(domain)).Select(m => m.GetProperty("text").GetString()!).ToList();
        Assert.All(codes, code => Assert.Single(texts, t => t.Contains(code, StringComparison.Ordinal)));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutgoingMail.CountAsync(m => m.Kind == "receipt")));
    }

    [Fact]
    public void A_slot_ends_on_the_next_multiple_of_its_length_and_zero_or_the_local_mailbox_sends_at_once()
    {
        var at = new DateTimeOffset(2026, 12, 2, 9, 59, 59, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero), new MailOptions { Mode = MailMode.Smtp }.BallotMailRelease(at));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 11, 0, 0, TimeSpan.Zero), new MailOptions { Mode = MailMode.Smtp }.BallotMailRelease(at.AddSeconds(1)));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero), new MailOptions { Mode = MailMode.Smtp, BallotMailSlotMinutes = 360 }.BallotMailRelease(at));
        Assert.Equal(at, new MailOptions { Mode = MailMode.Smtp, BallotMailSlotMinutes = 0 }.BallotMailRelease(at));
        Assert.Equal(at, new MailOptions { Mode = MailMode.Mailbox }.BallotMailRelease(at));
    }

    private static async Task<List<JsonElement>> ReceiptsAsync(string domain) =>
        [.. (await MailDev.ToDomainAsync(domain)).Where(m => m.GetProperty("subject").GetString()!.Contains("tracking code", StringComparison.OrdinalIgnoreCase))];
}
