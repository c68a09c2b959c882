using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Mail;

public static class MailApi
{
    public sealed record TemplateView(string Key, string Subject, string Body);

    public sealed record DeliveryView(string To, string Kind, string Subject, string Status, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

    public static IEndpointRouteBuilder MapMailApi(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/mail-templates").WithTags("Mail").RequireApiAdministrator();
        templates.MapGet("/", async (MailTemplates service, CancellationToken ct, string language = Languages.VoterLanguages.Default) =>
        {
            var views = new List<TemplateView>();
            foreach (var key in MailTemplateDefaults.All.Keys)
            {
                var (subject, body) = await service.GetAsync(key, language, ct);
                views.Add(new TemplateView(key, subject, body));
            }

            return views;
        }).WithSummary("Every message template in a language (?language=en, the default, or fr), saved or built-in");
        templates.MapPut("/{key}", async (string key, TemplateView input, MailTemplates service, HttpContext http, CancellationToken ct, string language = Languages.VoterLanguages.Default) =>
        {
            await service.SaveAsync(key, language, input.Subject, input.Body, http.User.Actor(), ct);
            return TypedResults.NoContent();
        }).WithSummary("Edit a template's version in a language (?language=en, the default, or fr)");

        app.MapGet("/api/elections/{electionId:guid}/mail", async (Guid electionId, BallotlineDb db, CancellationToken ct) =>
            (await db.OutgoingMail.AsNoTracking().Where(m => m.ElectionId == electionId).OrderBy(m => m.Id).ToListAsync(ct))
                .Select(m => new DeliveryView(m.To, m.Kind, m.Subject, m.Status.ToString(), m.Attempts, m.LastError, m.CreatedAt, m.SentAt)))
            .WithTags("Mail").RequireApiAdministrator().WithSummary("Every message of the election with its delivery status, per voter (bodies are not returned)");
        return app;
    }
}
