using System.Data.Common;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Ballotline.Server.Elections;
using Ballotline.Server.Mail;
using Ballotline.Server.Tests.Observability;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Security;

/// <summary>
/// The secrecy promise tried as an operator holding the whole database, the logs and the mail store would try
/// it after an election: with the published record (tracking codes, positions, cast times) in one hand and
/// every table in the other, join on everything that could join — a row holding both a voter and a code, a
/// timestamp beside a voter that matches a cast time, a row order that follows the log's — and expect nothing.
/// The test knows the truth (who cast which ballot) and checks that no join recovers it.
/// </summary>
public sealed class BallotSecrecyTests
{
    private const int Voters = 12;

    private static string SmtpPort => Environment.GetEnvironmentVariable("BALLOTLINE_TEST_SMTP_PORT") ?? "55025";

    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task No_table_stored_mail_log_line_or_row_order_links_a_voter_to_their_ballot(StorageProvider provider)
    {
        await using var app = new BallotlineApp(provider)
            .With("Mail:Mode", "Smtp").With("Mail:Host", "127.0.0.1").With("Mail:Port", SmtpPort).With("Mail:Security", "None").With("Mail:PollSeconds", "0.2");
        var pilot = await PilotDriver.StartAsync(app);
        var slug = $"secrecy-{provider.ToString().ToLowerInvariant()}";
        var (election, invited) = await pilot.OpenRegistrationAsync(slug, Voters, slug + ".example", PilotDriver.Input(slug) with { EmailWhenFinal = true });
        var invitations = invited.ToArray();
        await pilot.OpenVotingAsync(election.Id);
        // The invitations and the launch notice go out before anyone votes, so that their delivery times are not
        // confused with a cast.
        await Eventually.HoldsAsync(async () => await app.WithDbAsync(db => db.OutgoingMail.AllAsync(m => m.Status == MailStatus.Sent)), "the invitations are delivered");

        // Voters in a random order, each registering, opening the ballot and casting two minutes apart, with a receipt
        // by mail and a "your ballot is final" mail: every place a link could hide gets something to hide.
        RandomNumberGenerator.Shuffle(invitations.AsSpan());
        var truth = new List<(string Email, Server.Voting.Receipt Receipt)>();
        foreach (var invitation in invitations)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            var voter = await pilot.RegisterAsync(invitation);
            await PilotDriver.EnsureAsync(await voter.GetAsync($"/api/elections/{election.Id}/ballot"));
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            var cast = await PilotDriver.CastAsync(voter, election.Id, RandomNumberGenerator.GetInt32(2) == 0 ? "aurora" : "beacon", emailReceipt: true);
            await PilotDriver.EnsureAsync(cast);
            truth.Add((invitation.Email, (await cast.Content.ReadFromJsonAsync<Server.Voting.Receipt>())!));
        }

        await Eventually.HoldsAsync(
            async () => await app.WithDbAsync(db => db.FinalityNotices.CountAsync()) == 0
                && await app.WithDbAsync(db => db.OutgoingMail.AllAsync(m => m.Status == MailStatus.Sent)),
            "every ballot final, its notices and receipts delivered", 90);
        await pilot.MoveAsync(election.Id, ElectionState.Closed);
        Assert.Equal(nameof(ElectionState.Tallied), (await pilot.Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{election.Id}"))!.State);

        var identities = await app.WithDbAsync(async db => await db.PilotVoters.Where(v => v.ElectionId == election.Id)
            .Select(v => new { v.Id, v.Email, v.UserId }).ToListAsync());
        var voters = truth.Select(t =>
        {
            var who = identities.Single(i => i.Email == t.Email);
            return new Voter([who.Id.ToString(), who.Email, who.UserId!], who.Id, t.Receipt);
        }).ToList();
        var codes = truth.SelectMany(t => new[] { t.Receipt.TrackingCode, t.Receipt.ShortCode }).ToList();

        var rows = await app.WithDbAsync(db => ReadEveryRowAsync(db, provider));
        foreach (var row in rows)
        {
            foreach (var voter in voters.Where(v => v.Mentioned(row.Text)))
            {
                // 1. No row holds a voter and a ballot's code.
                Assert.False(codes.Any(c => row.Text.Contains(c, StringComparison.OrdinalIgnoreCase)), $"{row.Table} holds a voter and a tracking code: {row.Text}");

                // 2. No time beside a voter is within a minute of that voter's cast (the box's times are published).
                foreach (var time in row.Times)
                {
                    Assert.False(Math.Abs((time - voter.Receipt.CastAt).TotalSeconds) < 60,
                        $"{row.Table} keeps {time:O} beside {voter.Names[1]}, who cast at {voter.Receipt.CastAt:O}: {row.Text}");
                }
            }
        }

        // 3. The roll's physical order (and, on PostgreSQL, the voters' row versions) does not follow the log's.
        var positionOf = voters.ToDictionary(v => v.Id, v => v.Receipt.LogPosition);
        foreach (var table in new[] { "VoterRoll", "PilotVoters" })
        {
            var order = rows.Where(r => r.Table == table && r.VoterId is { } id && positionOf.ContainsKey(id)).OrderBy(r => r.PhysicalOrder).Select(r => positionOf[r.VoterId!.Value]).ToList();
            Assert.Equal(Voters, order.Count);
            Assert.False(order.SequenceEqual(order.Order()), $"{table}'s rows are stored in the order the ballots were cast: {string.Join(", ", order)}");
        }

        // 4. Stored mail, decrypted as anyone holding the data directory's key ring could: nothing ties an address to a code.
        var mails = await app.WithServiceAsync(async s =>
        {
            var protection = s.GetRequiredService<IDataProtectionProvider>();
            return (await s.GetRequiredService<Ballotline.Server.Data.BallotlineDb>().OutgoingMail.ToListAsync()).Select(m => (m.To, Text: MailOutbox.Text(m, protection) + m.DeduplicationKey)).ToList();
        });
        Assert.NotEmpty(mails);
        Assert.DoesNotContain(mails, m => voters.Any(v => v.Mentioned(m.To)) && codes.Any(c => m.Text.Contains(c, StringComparison.OrdinalIgnoreCase)));

        // 5. The pilot log: no line names a voter and a code.
        foreach (var line in (await PilotLogTests.ReadLogsAsync(app)).Split('\n'))
        {
            Assert.False(voters.Any(v => v.Mentioned(line)) && codes.Any(c => line.Contains(c, StringComparison.OrdinalIgnoreCase)), $"a log line links a voter to a code: {line}");
        }
    }

    private static async Task<List<Row>> ReadEveryRowAsync(Ballotline.Server.Data.BallotlineDb db, StorageProvider provider)
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var rows = new List<Row>();
        foreach (var table in tables)
        {
            // The physical order an attacker can read: SQLite's rowid; PostgreSQL's transaction id and tuple position.
            var order = provider == StorageProvider.Sqlite ? "rowid" : "xmin::text::bigint * 1000000 + (ctid::text::point)[0]::bigint * 1000 + (ctid::text::point)[1]::bigint";
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT {order} AS physical_order, * FROM \"{table}\"";
            try
            {
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var values = Enumerable.Range(1, reader.FieldCount - 1).Select(i => (Name: reader.GetName(i), Value: reader.IsDBNull(i) ? null : reader.GetValue(i))).ToList();
                    var voterId = table switch
                    {
                        "VoterRoll" => values.Single(v => v.Name == "PilotVoterId").Value,
                        "PilotVoters" => values.Single(v => v.Name == "Id").Value,
                        _ => null,
                    };
                    rows.Add(new Row(table, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), voterId is null ? null : Guid.Parse(voterId.ToString()!),
                        string.Join(" | ", values.Select(v => $"{v.Name}={Text(v.Value)}")), [.. values.Select(v => TimeOf(v.Value)).OfType<DateTimeOffset>()]));
                }
            }
            catch (DbException e) when (e.Message.Contains("rowid", StringComparison.OrdinalIgnoreCase))
            {
                // A view or a WITHOUT ROWID table has no physical order to leak.
            }
        }

        return rows;
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToHexStringLower(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static DateTimeOffset? TimeOf(object? value) => value switch
    {
        DateTimeOffset t => t,
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        string s when s.Length is >= 19 and <= 40 && s[4] == '-' && s[10] is ' ' or 'T'
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
        _ => null,
    };

    private sealed record Row(string Table, long PhysicalOrder, Guid? VoterId, string Text, IReadOnlyList<DateTimeOffset> Times);

    private sealed record Voter(IReadOnlyList<string> Names, Guid Id, Server.Voting.Receipt Receipt)
    {
        public bool Mentioned(string text) => Names.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));
    }
}
