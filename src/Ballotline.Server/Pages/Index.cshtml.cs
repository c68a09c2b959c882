using System.Security.Claims;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Pages;

public sealed class IndexModel(BallotlineDb db) : BallotlinePage
{
    public IReadOnlyList<Election> Elections { get; private set; } = [];

    /// <summary>The signed-in voter's elections, and whether they have voted in each (never how, nor which ballot).</summary>
    public IReadOnlyList<(Election Election, bool Voted)> MyElections { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Elections = await db.Elections.AsNoTracking().Where(e => e.State != ElectionState.Draft).OrderByDescending(e => e.CreatedAt).ToListAsync();
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null)
        {
            var voted = await db.PilotVoters.Where(v => v.UserId == userId)
                .Select(v => new { v.ElectionId, Voted = db.VoterRoll.Any(r => r.ElectionId == v.ElectionId && r.PilotVoterId == v.Id) })
                .ToDictionaryAsync(v => v.ElectionId, v => v.Voted);
            MyElections = [.. Elections.Where(e => voted.ContainsKey(e.Id)).Select(e => (e, voted[e.Id]))];
        }
    }

    /// <summary>Where an election stands, in the words of its voters rather than its states.</summary>
    public static string Plainly(ElectionState state) => state switch
    {
        ElectionState.Draft => "Being prepared",
        ElectionState.RegistrationOpen => "Registration is open; voting has not started",
        ElectionState.VotingOpen => "Voting is open",
        ElectionState.Paused => "Voting is paused for a moment",
        ElectionState.Closed => "Voting has closed; the votes are being counted",
        ElectionState.Tallied => "The result is published",
        _ => state.ToString(),
    };
}
