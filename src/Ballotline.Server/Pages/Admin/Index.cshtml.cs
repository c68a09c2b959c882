using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Pages.Admin;

public sealed class AdminIndexModel(BallotlineDb db) : BallotlinePage
{
    public IReadOnlyList<Election> Elections { get; private set; } = [];

    public async Task OnGetAsync() => Elections = await db.Elections.AsNoTracking().OrderByDescending(e => e.CreatedAt).ToListAsync();
}
