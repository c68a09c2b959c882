using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.Elections;
using Ballotline.Server.Tests.Observability;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ballotline.Server.Tests.Voting;

/// <summary>
/// Ballots that reach the box together are appended together, one transaction per batch (group commit). A batch must
/// answer each ballot as if it had been alone: here a crowd casts while the database is held for a moment (as on a
/// slow day), so that most of it queues and lands in one batch with voters sending two ballots at once and voters
/// sending a copy of someone else's ballot. Each refusal stays with its own ballot, every other ballot is receipted at
/// its own position, the log has no gaps, and the batches really held many ballots.
/// </summary>
public sealed class BallotBoxWriterTests
{
    private const int Voters = 40;
    private const int Doubles = 5; // voters 0–4 send two ballots of their own at once
    private const int Copies = 5; // voters 35–39 send a copy of the ballot of voters 10–14

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task A_crowd_cast_while_the_database_is_held_is_appended_in_batches_and_each_refusal_stays_with_its_own_ballot(StorageProvider provider)
    {
        // No anchor during the test, so the only writers of the box are the casts.
        await using var app = new BallotlineApp(provider).With("Chain:BatchSeconds", "3600").With("Chain:BatchSize", "1000");
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync($"batch-{provider.ToString().ToLowerInvariant()}", Voters);
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        var voters = new List<HttpClient>();
        foreach (var invitation in invitations)
        {
            voters.Add(await pilot.RegisterAsync(invitation));
        }

        // Every ballot encrypted first, as devices do while their voters read: voter i's own ballot, and a second one for the doubles.
        var view = (await voters[0].GetFromJsonAsync<Server.Voting.VotingApi.BallotView>($"/api/elections/{election.Id}/ballot"))!;
        var context = view.Encryption.Rebuild();
        string[] choices = ["aurora", "beacon"];
        var own = Enumerable.Range(0, Voters).Select(i => PilotDriver.EncryptedBallot(context, choices[i % 2])).ToArray();
        var second = Enumerable.Range(0, Doubles).Select(i => PilotDriver.EncryptedBallot(context, choices[(i + 1) % 2])).ToArray();
        var sends = new List<(int Voter, JsonElement Ballot)>();
        for (var i = 0; i < Voters; i++)
        {
            sends.Add((i, i >= Voters - Copies ? own[i - (Voters - Copies) + 10] : own[i]));
            if (i < Doubles)
            {
                sends.Add((i, second[i]));
            }
        }

        Task<HttpResponseMessage>[] casting;
        await using (await HoldElectionRowAsync(app, election.Id))
        {
            casting = [.. sends.Select(s => voters[s.Voter].PostAsJsonAsync($"/api/elections/{election.Id}/ballot/encrypted", new { ballot = s.Ballot }))];
            await Task.Delay(TimeSpan.FromSeconds(2)); // the requests are checked and queue behind the held row
            Assert.DoesNotContain(casting, c => c.IsCompleted); // none answered (or receipted) before its batch could commit
        }

        var answers = await Task.WhenAll(casting);
        async Task<string> CodeOf(HttpResponseMessage answer) =>
            answer.StatusCode == HttpStatusCode.OK ? "ok" : (await PilotDriver.ProblemAsync(answer)).GetProperty("code").GetString()!;
        var codes = await Task.WhenAll(answers.Select(CodeOf));
        string[] CodesOf(int voter) => [.. sends.Select((s, k) => (s.Voter, Code: codes[k])).Where(x => x.Voter == voter).Select(x => x.Code).Order(StringComparer.Ordinal)];

        for (var i = 0; i < Voters; i++)
        {
            if (i < Doubles)
            {
                Assert.Equal(["already-voted", "ok"], CodesOf(i)); // one of a voter's two ballots, the other refused as a second vote
            }
            else if (i is >= 10 and < 10 + Copies)
            {
                // The owner and the copier of one ballot: exactly one of them is receipted, the other told it is a copy.
                Assert.Equal(["ballot-replayed", "ok"], [.. CodesOf(i).Concat(CodesOf(i - 10 + Voters - Copies)).Order(StringComparer.Ordinal)]);
            }
            else if (i < Voters - Copies)
            {
                Assert.Equal(["ok"], CodesOf(i));
            }
        }

        // 35 receipts at the positions 0–34, each the ballot the box holds there; nobody refused is on the roll.
        const int accepted = Voters - Copies;
        var receipts = await Task.WhenAll(answers.Where(a => a.StatusCode == HttpStatusCode.OK).Select(a => a.Content.ReadFromJsonAsync<Server.Voting.Receipt>()));
        Assert.Equal(Enumerable.Range(0, accepted).Select(i => (long)i), receipts.Select(r => r!.LogPosition).Order());
        var box = await app.WithDbAsync(db => db.BallotBox.Where(b => b.ElectionId == election.Id).OrderBy(b => b.LogIndex).Select(b => new { b.LogIndex, b.TrackingCode }).ToListAsync());
        Assert.Equal(receipts.OrderBy(r => r!.LogPosition).Select(r => (r!.LogPosition, r.TrackingCode)), box.Select(b => (b.LogIndex, b.TrackingCode)));
        Assert.Equal(accepted, await app.WithDbAsync(db => db.VoterRoll.CountAsync(r => r.ElectionId == election.Id)));
        Assert.Equal(accepted, await app.WithDbAsync(db => db.Elections.Where(e => e.Id == election.Id).Select(e => e.BallotCount).SingleAsync()));

        // The appends were batched: every receipted ballot in exactly one committed batch, and fewer batches than ballots.
        var metrics = await app.CreateClient().GetStringAsync("/metrics");
        Assert.Equal(accepted, MetricsTests.Value(metrics, "ballotline_cast_batch_size_sum"));
        Assert.InRange(MetricsTests.Value(metrics, "ballotline_cast_batch_size_count"), 2, accepted / 2);
    }

    // Takes the election's row (PostgreSQL) or the database's write lock (SQLite) from a connection of the test's own,
    // and keeps it until disposed: the server's appends wait behind it, as behind a slow disk or a long transaction.
    private static async Task<IAsyncDisposable> HoldElectionRowAsync(BallotlineApp app, Guid electionId)
    {
        var connectionString = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        DbConnection connection = app.Provider == StorageProvider.Postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = app.Provider == StorageProvider.Postgres
            ? $"SELECT 1 FROM \"Elections\" WHERE \"Id\" = '{electionId}' FOR UPDATE"
            : $"UPDATE \"Elections\" SET \"BallotCount\" = \"BallotCount\" WHERE \"Id\" = '{electionId}'";
        await command.ExecuteNonQueryAsync();
        return new Held(connection, transaction);
    }

    private sealed class Held(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.CommitAsync();
            await connection.DisposeAsync();
        }
    }
}
