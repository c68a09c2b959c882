using Ballotline.Server.Infrastructure;
using Ballotline.Server.Mail;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Admin;

public sealed class MailTemplatesModel(MailTemplates templates) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    public string Subject { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        if (Key is not null)
        {
            (Subject, Body) = await templates.GetAsync(Key, HttpContext.RequestAborted);
        }

        return Page();
    });

    public async Task<IActionResult> OnPostAsync(string subject, string body)
    {
        Subject = subject;
        Body = body;
        return await TryAsync(async () =>
        {
            await templates.SaveAsync(Key ?? string.Empty, subject, body, User.Actor(), HttpContext.RequestAborted);
            StatusMessage = $"Template '{Key}' saved.";
            return Redirect($"/admin/mail-templates/{Key}");
        });
    }
}
