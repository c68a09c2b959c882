using Ballotline.Server.Infrastructure;
using Ballotline.Server.Mail;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Admin;

public sealed class MailTemplatesModel(MailTemplates templates) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    /// <summary>Which language's version is shown and saved.</summary>
    [BindProperty(SupportsGet = true)]
    public string Language { get; set; } = Languages.VoterLanguages.Default;

    public string Subject { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        if (Key is not null)
        {
            (Subject, Body) = await templates.GetAsync(Key, Language, HttpContext.RequestAborted);
        }

        return Page();
    });

    public async Task<IActionResult> OnPostAsync(string subject, string body)
    {
        Subject = subject;
        Body = body;
        return await TryAsync(async () =>
        {
            await templates.SaveAsync(Key ?? string.Empty, Language, subject, body, User.Actor(), HttpContext.RequestAborted);
            StatusMessage = $"Template '{Key}' ({Language}) saved.";
            return Redirect($"/admin/mail-templates/{Key}?language={Uri.EscapeDataString(Language)}");
        });
    }
}
