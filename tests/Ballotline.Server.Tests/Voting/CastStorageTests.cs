using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Voting;

/// <summary>
/// What one cast writes, on each database: PostgreSQL appends a batch of casts with a single statement of its own
/// (data-modifying CTEs), SQLite through EF Core's batch in a transaction; both must store exactly the same rows — the roll entry (online, no time),
/// the ballot at the receipt's position, and the "your ballot is final" notice with its recipient protected.
/// </summary>
public sealed class CastStorageTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task A_cast_stores_its_roll_entry_its_ballot_at_the_receipted_position_and_its_finality_notice(StorageProvider provider)
    {
        // No anchor during the test: a final ballot's notice is mailed and erased, and this test reads every notice stored.
        await using var app = new BallotlineApp(provider).With("Chain:BatchSeconds", "3600").With("Chain:BatchSize", "1000");
        var slug = $"cast-storage-{provider.ToString().ToLowerInvariant()}";
        var (election, receipts) = await (await PilotDriver.StartAsync(app)).CastWithFinalityNoticesAsync(slug, 3, slug + ".example");

        Assert.Equal([0L, 1L, 2L], receipts.Select(r => r.LogPosition));
        var box = await app.WithDbAsync(db => db.BallotBox.Where(b => b.ElectionId == election.Id).OrderBy(b => b.LogIndex).ToListAsync());
        Assert.Equal(receipts.Select(r => (r.LogPosition, r.TrackingCode, r.ShortCode)), box.Select(b => (b.LogIndex, b.TrackingCode, b.ShortCode)));
        Assert.All(box, b => Assert.Equal(b.TrackingCode, Crypto.Serialization.CryptoJson.DeserializeBallot(b.BallotJson).TrackingCode.FullHex));
        // The receipt's time as stored (PostgreSQL keeps microseconds, SQLite's text form milliseconds).
        Assert.All(receipts.Zip(box), pair => Assert.True((pair.First.CastAt - pair.Second.CastAt).Duration() < TimeSpan.FromMilliseconds(1), $"{pair.First.CastAt:O} stored as {pair.Second.CastAt:O}"));

        var roll = await app.WithDbAsync(db => db.VoterRoll.Where(r => r.ElectionId == election.Id).ToListAsync());
        var voters = await app.WithDbAsync(db => db.PilotVoters.Where(v => v.ElectionId == election.Id).Select(v => v.Id).ToListAsync());
        Assert.Equal(voters.Order(), roll.Select(r => r.PilotVoterId).Order());
        Assert.All(roll, r => Assert.Equal(Server.Voting.VotingChannel.Online, r.Channel));

        // Not final yet (the chain batches), so every notice is still waiting, one per ballot, its address not in the clear.
        var notices = await app.WithDbAsync(db => db.FinalityNotices.Where(n => n.ElectionId == election.Id).OrderBy(n => n.LogIndex).ToListAsync());
        Assert.Equal([0L, 1L, 2L], notices.Select(n => n.LogIndex));
        Assert.All(notices, n => Assert.DoesNotContain(slug + ".example", n.ProtectedRecipient, StringComparison.Ordinal));
        Assert.Equal(3, await app.WithDbAsync(db => db.Elections.Where(e => e.Id == election.Id).Select(e => e.BallotCount).SingleAsync()));
    }
}
