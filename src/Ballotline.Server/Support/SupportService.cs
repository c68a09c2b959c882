using System.Net.Mail;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Observability;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Support;

/// <summary>Opens, triages and answers support tickets, timing responses against the pilot plan's targets.</summary>
public sealed partial class SupportService(BallotlineDb db, PilotMetrics metrics, Mail.MailOutbox outbox, Microsoft.Extensions.Options.IOptions<Mail.MailOptions> mail, Microsoft.Extensions.Localization.IStringLocalizer<Languages.VoterText> words, TimeProvider clock, ILogger<SupportService> logger)
{
    public async Task<SupportTicket> OpenAsync(TicketInput input, string? userId, string? userEmail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();
        var email = (userEmail ?? input.Email)?.Trim().ToLowerInvariant() ?? string.Empty;
        if (!MailAddress.TryCreate(email, out _) || email.Length > 254)
        {
            errors.Add("Give an email address we can answer you at.");
        }

        if (string.IsNullOrWhiteSpace(input.Subject) || input.Subject.Length > 200)
        {
            errors.Add("Subject: required, at most 200 characters.");
        }

        if (string.IsNullOrWhiteSpace(input.Body) || input.Body.Length > 4000)
        {
            errors.Add("Describe the problem (at most 4,000 characters).");
        }

        if (errors.Count > 0)
        {
            throw new DomainException("invalid-ticket", "The ticket was not opened.", StatusCodes.Status400BadRequest, errors);
        }

        var ticket = new SupportTicket
        {
            Email = email,
            Subject = input.Subject.Trim(),
            Body = input.Body.Trim(),
            UserId = userId,
            Language = Languages.VoterLanguages.Current,
            CreatedAt = clock.GetUtcNow(),
            ElectionId = input.ElectionId is { } id && await db.Elections.AnyAsync(e => e.Id == id, ct) ? id : await ElectionOfAsync(email, ct),
        };
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        metrics.TicketsOpened.WithLabels("untriaged").Inc();
        LogOpened(logger, ticket.Id);
        return ticket;
    }

    /// <summary>
    /// The election a ticket from the web form is about, so that it counts in that pilot's figures (ticket rate,
    /// resolution time) as it counts on the dashboard: the writer's most recent election as a member of a pilot
    /// group, else the one election under way (not a draft, not yet tallied) when there is exactly one.
    /// </summary>
    private async Task<Guid?> ElectionOfAsync(string email, CancellationToken ct)
    {
        var asVoter = await (from v in db.PilotVoters
                             join e in db.Elections on v.ElectionId equals e.Id
                             where v.Email == email
                             orderby e.CreatedAt descending
                             select (Guid?)e.Id).FirstOrDefaultAsync(ct);
        if (asVoter is not null)
        {
            return asVoter;
        }

        var underWay = await db.Elections.Where(e => e.State != Elections.ElectionState.Draft && e.State != Elections.ElectionState.Tallied).Select(e => e.Id).Take(2).ToListAsync(ct);
        return underWay.Count == 1 ? underWay[0] : null;
    }

    public async Task<SupportTicket> TriageAsync(long id, TriageInput input, string staff, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ticket = await db.Tickets.Include(t => t.Messages).FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw DomainException.NotFound("The ticket");
        var now = clock.GetUtcNow();
        if (input.Severity is { } severity)
        {
            if (!Enum.IsDefined(severity))
            {
                throw new DomainException("invalid-severity", "Severity must be 1 (critical), 2 (high), 3 (medium) or 4 (low).");
            }

            ticket.Severity = severity;
        }

        ticket.Category = input.Category?.Trim() is { Length: > 0 and <= 64 } category ? category : ticket.Category;
        ticket.Assignee = input.Assignee?.Trim() is { Length: > 0 and <= 200 } assignee ? assignee : ticket.Assignee;
        if (!string.IsNullOrWhiteSpace(input.Reply))
        {
            var reply = Limit(input.Reply);
            ticket.Messages.Add(new TicketMessage { Author = staff, Text = reply, FromStaff = true, At = now });
            ticket.FirstResponseAt ??= now;
            ticket.Status = ticket.Status == TicketStatus.Open ? TicketStatus.InProgress : ticket.Status;

            // The answer goes to the address the question came from: the person who cannot sign in reads it there.
            // Encrypted at rest like every message that names a person's situation.
            // In the language the question was asked in.
            using (Languages.VoterLanguages.Use(ticket.Language))
            {
                await outbox.EnqueueAsync("support-reply", $"support-reply:{ticket.Id}:{ticket.Messages.Count}", ticket.Email, $"Re: {ticket.Subject}",
                    $"{words["Hello,"]}\n\n{words["The pilot's support team has answered your question \"{0}\":", ticket.Subject]}\n\n{reply}\n\n"
                    + words["To write back, sign in and open Help and support ({0}/support), or send a new question from that page.", mail.Value.PublicBaseUrl],
                    ticket.ElectionId, ct, sensitive: true);
            }
        }

        if (!string.IsNullOrWhiteSpace(input.Note))
        {
            ticket.Messages.Add(new TicketMessage { Author = staff, Text = Limit(input.Note), FromStaff = true, Internal = true, At = now });
        }

        if (input.Status is { } status && Enum.IsDefined(status))
        {
            ticket.Status = status;
            ticket.ResolvedAt = status == TicketStatus.Resolved ? ticket.ResolvedAt ?? now : null;
            ticket.FirstResponseAt ??= status == TicketStatus.Resolved ? now : null;
        }

        await db.SaveChangesAsync(ct);
        LogTriaged(logger, ticket.Id, ticket.Severity, ticket.Status, staff);
        return ticket;
    }

    public async Task<SupportTicket> ReplyAsVoterAsync(long id, string userId, string text, CancellationToken ct)
    {
        var ticket = await db.Tickets.Include(t => t.Messages).FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, ct) ?? throw DomainException.NotFound("The ticket");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("empty-reply", "Write a message first.");
        }

        ticket.Messages.Add(new TicketMessage { Author = ticket.Email, Text = Limit(text), At = clock.GetUtcNow() });
        if (ticket.Status == TicketStatus.Resolved)
        {
            ticket.Status = TicketStatus.Open;
            ticket.ResolvedAt = null;
        }

        await db.SaveChangesAsync(ct);
        return ticket;
    }

    public async Task<IReadOnlyList<SupportTicket>> MineAsync(string userId, CancellationToken ct) =>
        await db.Tickets.AsNoTracking().Include(t => t.Messages).Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(ct);

    public async Task<IReadOnlyList<SupportTicket>> QueueAsync(CancellationToken ct) =>
        await db.Tickets.AsNoTracking().Include(t => t.Messages).OrderBy(t => t.Status).ThenBy(t => t.Severity ?? TicketSeverity.High).ThenBy(t => t.Id).ToListAsync(ct);

    private static string Limit(string text) => text.Trim() is var t && t.Length > 4000 ? t[..4000] : text.Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Support ticket {TicketId} opened")]
    private static partial void LogOpened(ILogger logger, long ticketId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Support ticket {TicketId} triaged: severity {Severity}, status {Status} (by {Staff})")]
    private static partial void LogTriaged(ILogger logger, long ticketId, TicketSeverity? severity, TicketStatus status, string staff);
}
