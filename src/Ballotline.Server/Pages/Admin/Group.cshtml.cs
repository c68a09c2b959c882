using System.Globalization;
using System.Text;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.PilotGroup;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Admin;

public sealed class GroupModel(PilotGroupService group, Elections.ElectionService elections, Mail.PilotNotices notices, Data.BallotlineDb db) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public IReadOnlyList<PilotVoter> Voters { get; private set; } = [];

    public Composition? Composition { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        await LoadAsync();
        return Page();
    });

    public async Task<IActionResult> OnPostImportAsync(IFormFile? csv) => await TryAsync(
        async () =>
        {
            if (csv is null || csv.Length == 0)
            {
                throw new DomainException("csv-missing", "Choose a CSV file to import.");
            }

            if (csv.Length > 1_000_000)
            {
                throw new DomainException("csv-too-large", "The file is larger than 1 MB.");
            }

            using var upload = new StreamReader(csv.OpenReadStream());
            using var reader = new StringReader(await upload.ReadToEndAsync());
            var count = await group.ImportAsync(Id, reader, User.Actor());
            StatusMessage = $"Imported {count} voters.";
            return Redirect($"/admin/elections/{Id}/group");
        },
        ReloadAsync);

    public async Task<IActionResult> OnPostAddAsync(string name, string email, [FromForm(Name = "group")] string voterGroup, string ageBand, string? location) => await TryAsync(
        async () =>
        {
            await group.AddAsync(Id, new PilotVoterInput(name, email, voterGroup, ageBand, location), User.Actor());
            StatusMessage = $"Added {name}.";
            return Redirect($"/admin/elections/{Id}/group");
        },
        ReloadAsync);

    public async Task<IActionResult> OnPostRemoveAsync(Guid voterId) => await TryAsync(
        async () =>
        {
            await group.RemoveAsync(Id, voterId, User.Actor());
            StatusMessage = "Removed.";
            return Redirect($"/admin/elections/{Id}/group");
        },
        ReloadAsync);

    public IReadOnlyDictionary<string, string> LastMail { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnPostInviteByEmailAsync() => await TryAsync(
        async () =>
        {
            var invitations = await group.IssueInvitationsAsync(Id, User.Actor());
            await notices.InvitationsAsync(await elections.GetAsync(Id), invitations, Request.BaseUrl(), HttpContext.RequestAborted);
            StatusMessage = invitations.Count == 0
                ? "Everyone in the group has registered: no invitation was needed."
                : string.Create(CultureInfo.InvariantCulture, $"{invitations.Count} {(invitations.Count == 1 ? "invitation was" : "invitations were")} issued and emailed (Administration → Mailbox shows them).");
            return Redirect($"/admin/elections/{Id}/group");
        },
        ReloadAsync);

    public async Task<IActionResult> OnPostInviteAsync(bool email) => await TryAsync(
        async () =>
        {
            var invitations = await group.IssueInvitationsAsync(Id, User.Actor());
            if (email)
            {
                await notices.InvitationsAsync(await elections.GetAsync(Id), invitations, Request.BaseUrl(), HttpContext.RequestAborted);
            }

            var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var csv = CsvExport.Writer(text))
            {
                csv.WriteField("name");
                csv.WriteField("email");
                csv.WriteField("link");
                await csv.NextRecordAsync();
                foreach (var i in invitations)
                {
                    csv.WriteField(i.Name);
                    csv.WriteField(i.Email);
                    csv.WriteField(i.Link(Request.BaseUrl()));
                    await csv.NextRecordAsync();
                }
            }

            return File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv", "invitations.csv");
        },
        ReloadAsync);

    private async Task<IActionResult> ReloadAsync()
    {
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Voters = await group.ListAsync(Id);
        Composition = Composition.Of([.. Voters]);
        var mail = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.OutgoingMail.Where(m => m.ElectionId == Id).OrderBy(m => m.Id).Select(m => new { m.To, m.Kind, m.Status, m.LastError }));
        LastMail = mail.GroupBy(m => m.To).ToDictionary(g => g.Key, g => g.Last() is var last ? $"{last.Kind}: {last.Status}{(last.LastError is null ? "" : " — " + last.LastError)}" : string.Empty, StringComparer.Ordinal);
    }
}
