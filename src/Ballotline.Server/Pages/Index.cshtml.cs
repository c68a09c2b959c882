using System.Security.Claims;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Pages;

public sealed class IndexModel(BallotlineDb db) : BallotlinePage
{
    public IReadOnlyList<Election> Elections { get; private set; } = [];

    public IReadOnlyList<Election> MyElections { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Elections = await db.Elections.AsNoTracking().Where(e => e.State != ElectionState.Draft).OrderByDescending(e => e.CreatedAt).ToListAsync();
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null)
        {
            var mine = await db.PilotVoters.Where(v => v.UserId == userId).Select(v => v.ElectionId).ToListAsync();
            MyElections = [.. Elections.Where(e => mine.Contains(e.Id))];
        }
    }
}
