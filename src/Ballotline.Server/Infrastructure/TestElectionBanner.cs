using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Infrastructure;

/// <summary>Whether any running election is a test; the layout then says so on every page.</summary>
public sealed class TestElectionBanner(BallotlineDb db)
{
    public async Task<bool> AnyRunningTestAsync() =>
        await db.Elections.AnyAsync(e => e.IsTest && e.State != ElectionState.Draft && e.State != ElectionState.Tallied);
}
