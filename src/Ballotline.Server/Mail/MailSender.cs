using Ballotline.Server.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ballotline.Server.Mail;

/// <summary>
/// Delivers the queue: claims each due message atomically (so two instances never both send it), sends it
/// through SMTP or stores it in the local mailbox, and retries failures with exponential backoff until
/// <see cref="MailOptions.MaxAttempts"/>, after which the message is marked failed with the reason.
/// </summary>
public sealed partial class MailSender(IServiceProvider services, IOptions<MailOptions> options, Observability.PilotMetrics metrics, TimeProvider clock, ILogger<MailSender> logger) : Infrastructure.PeriodicWork(clock)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PollSeconds);

    protected override void OnPassFailed(Exception exception) => LogFailed(logger, exception.Message);

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BallotlineDb>();
        var now = Clock.GetUtcNow();

        // A message claimed by an instance that died mid-send is released after five minutes. Looked for first: an
        // update takes the database's write lock even when it changes nothing, and on SQLite every pass would then
        // meet the ballot box's writer (Data/SqlitePragmas).
        var stale = db.OutgoingMail.Where(m => m.Status == MailStatus.Sending && m.NextAttemptAt < now.AddMinutes(-5));
        if (await stale.AnyAsync(ct))
        {
            await stale.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MailStatus.Queued), ct);
        }

        var due = await db.OutgoingMail.Where(m => m.Status == MailStatus.Queued && m.NextAttemptAt <= now).OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(500).ToArrayAsync(ct);

        // In a random order: ids follow the order messages were queued in, and a slot's receipts were queued in the
        // order of the casts (MailOptions.BallotMailSlotMinutes).
        System.Security.Cryptography.RandomNumberGenerator.Shuffle(due.AsSpan());
        foreach (var id in due)
        {
            var claimed = await db.OutgoingMail.Where(m => m.Id == id && m.Status == MailStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MailStatus.Sending).SetProperty(m => m.NextAttemptAt, now), ct);
            if (claimed == 0)
            {
                continue;
            }

            var mail = await db.OutgoingMail.SingleAsync(m => m.Id == id, ct);
            mail.Attempts++;
            try
            {
                if (options.Value.UsesSmtp)
                {
                    await SendAsync(mail, ct);
                    mail.Status = MailStatus.Sent;
                }
                else
                {
                    mail.Status = MailStatus.Stored;
                }

                mail.SentAt = Clock.GetUtcNow();
                mail.LastError = null;
                metrics.EmailsSent.Inc();
                if (mail.Status == MailStatus.Sent && mail.EraseAfterDelivery)
                {
                    db.OutgoingMail.Remove(mail);
                }
            }
            catch (SmtpCommandException e) when (IsPermanentRejection(e))
            {
                // A refused address will be refused again: retrying only delays the staff noticing the typo.
                mail.LastError = $"{(int)e.StatusCode} {e.Message}";
                metrics.EmailsFailed.Inc();
                mail.Status = MailStatus.Bounced;
                LogBounced(logger, mail.Id, (int)e.StatusCode);
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or AuthenticationException or SslHandshakeException)
            {
                mail.LastError = e.Message;
                metrics.EmailsFailed.Inc();
                mail.Status = mail.Attempts >= options.Value.MaxAttempts ? MailStatus.Failed : MailStatus.Queued;
                mail.NextAttemptAt = Clock.GetUtcNow().AddSeconds(Math.Min(3600, Math.Pow(2, mail.Attempts)));
                LogRetry(logger, mail.Id, mail.Attempts, e.Message);
            }

            await db.SaveChangesAsync(ct);
        }
    }

    private async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = MailOutbox.Text(mail, services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()) };
        using var client = new SmtpClient();
        var security = o.Security switch
        {
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(o.Host, o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.Username))
        {
            await client.AuthenticateAsync(o.Username, Environment.GetEnvironmentVariable(o.PasswordVariable) ?? string.Empty, ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static bool IsPermanentRejection(SmtpCommandException e) =>
        e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode is >= 500 and < 600;

    // The address is not logged: it identifies a voter. The mail id leads staff to it in the app.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} bounced: the server refused the address ({StatusCode})")]
    private static partial void LogBounced(ILogger logger, long mailId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail delivery pass failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} not delivered (attempt {Attempt}): {Error}")]
    private static partial void LogRetry(ILogger logger, long mailId, int attempt, string error);
}
