using Ballotline.Server.Infrastructure;
using Ballotline.Server.Operations;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Admin;

public sealed class ChecklistModel(Checklists checklists) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public IReadOnlyList<Checklists.ItemView> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        Items = await checklists.GetAsync(Id, HttpContext.RequestAborted);
        return Page();
    });

    public async Task<IActionResult> OnPostAsync(string key, bool done) => await TryAsync(async () =>
    {
        await checklists.TickAsync(Id, key, done, null, User.Actor(), HttpContext.RequestAborted);
        return Redirect($"/admin/elections/{Id}/checklist");
    });
}
