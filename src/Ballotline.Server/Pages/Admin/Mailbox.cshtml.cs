using Ballotline.Server.Data;
using Ballotline.Server.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Pages.Admin;

public sealed class MailboxModel(BallotlineDb db, IOptions<MailOptions> options, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection) : BallotlinePage
{
    public IReadOnlyList<OutgoingMail> Messages { get; private set; } = [];

    public bool UsesSmtp => options.Value.UsesSmtp;

    public string Text(OutgoingMail mail) => MailOutbox.Text(mail, protection);

    public async Task OnGetAsync() => Messages = await db.OutgoingMail.AsNoTracking().OrderByDescending(m => m.Id).Take(500).ToListAsync();
}
