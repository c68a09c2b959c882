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
/// The secrecy promise tried as an operator holding the whole data directory, the logs and the mail store would
/// try it after an election: with the published record (tracking codes, positions, cast times) in one hand and
/// every table in the other, join on everything that could join — a row holding both a voter and a code, the cast
/// nearest each time beside a voter, a row order that follows the log's, the database files' bytes opened with the
/// data directory's key ring — and expect nothing. The test knows the truth (who cast which ballot) and checks that
/// no join recovers it.
/// </summary>
public sealed class BallotSecrecyTests
{
    private const int Voters = 12;

    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task No_table_stored_mail_log_line_or_row_order_links_a_voter_to_their_ballot(StorageProvider provider)
    {
        await using var app = new BallotlineApp(provider)
            .With("Mail:Mode", "Smtp").With("Mail:Host", "127.0.0.1").With("Mail:Port", MailDev.SmtpPort).With("Mail:Security", "None").With("Mail:PollSeconds", "0.2")
            .With("Mail:BallotMailSlotMinutes", new Server.Mail.MailOptions().BallotMailSlotMinutes.ToString(CultureInfo.InvariantCulture));
        var pilot = await PilotDriver.StartAsync(app);
        var slug = $"secrecy-{provider.ToString().ToLowerInvariant()}";
        var (election, invited) = await pilot.OpenRegistrationAsync(slug, Voters, slug + ".example", PilotDriver.Input(slug) with { EmailWhenFinal = true });
        var invitations = invited.ToArray();
        await pilot.OpenVotingAsync(election.Id);
        // The invitations and the launch notice go out before anyone votes, so that their delivery times are not
        // confused with a cast.
        await Eventually.HoldsAsync(async () => await app.WithDbAsync(db => db.OutgoingMail.AllAsync(m => m.Status == MailStatus.Sent)), "the invitations are delivered");

        // Voters in a random order, each as most voters do it: the invitation link, registration, the ballot half a
        // minute later with a receipt by mail and a "your ballot is final" mail, feedback a minute after that — so
        // that every time a voter's own actions leave beside them is close to their cast, and every table written
        // at those moments is written in cast order. Every place a link could hide gets something to hide.
        RandomNumberGenerator.Shuffle(invitations.AsSpan());
        var truth = new List<(string Email, Server.Voting.Receipt Receipt)>();
        // Half of them lose their invitation and get a new link from support just before registering; the other half
        // forget their password and reset it just before voting: mails a voter's own action sends, minutes before a cast.
        for (var i = 0; i < invitations.Length; i++)
        {
            var invitation = invitations[i];
            app.Clock.Advance(TimeSpan.FromSeconds(RandomNumberGenerator.GetInt32(60, 240)));
            if (i % 2 == 0)
            {
                var link = await MailedLinkAsync(invitation.Email, "/register/", () => app.WithServiceAsync(s =>
                    s.GetRequiredService<Server.Support.LinkResender>().ResendAsync(invitation.Email, "support@example.org", "http://localhost", CancellationToken.None)));
                invitation = invitation with { Link = link };
            }

            var voter = await pilot.RegisterAsync(invitation);
            if (i % 2 == 1)
            {
                var reset = new Uri(await MailedLinkAsync(invitation.Email, "/account/reset-password?", () => app.WithServiceAsync(s =>
                    s.GetRequiredService<Server.Accounts.PasswordResets>().RequestAsync(invitation.Email, CancellationToken.None))));
                var token = System.Web.HttpUtility.ParseQueryString(reset.Query)["token"];
                await app.WithServiceAsync(s => s.GetRequiredService<Server.Accounts.PasswordResets>().ResetAsync(invitation.Email, token, PilotDriver.Password + "!", PilotDriver.Password + "!"));
                voter = await PilotDriver.SignInAsync(app, invitation.Email, PilotDriver.Password + "!");
            }

            await PilotDriver.EnsureAsync(await voter.GetAsync($"/api/elections/{election.Id}/ballot"));
            app.Clock.Advance(TimeSpan.FromSeconds(RandomNumberGenerator.GetInt32(15, 45)));
            var cast = await PilotDriver.CastAsync(voter, election.Id, RandomNumberGenerator.GetInt32(2) == 0 ? "aurora" : "beacon", emailReceipt: true);
            await PilotDriver.EnsureAsync(cast);
            truth.Add((invitation.Email, (await cast.Content.ReadFromJsonAsync<Server.Voting.Receipt>())!));
            app.Clock.Advance(TimeSpan.FromSeconds(RandomNumberGenerator.GetInt32(30, 90)));
            await PilotDriver.EnsureAsync(await voter.PutAsJsonAsync($"/api/elections/{election.Id}/feedback", new
            {
                overall = 4,
                registrationEase = 5,
                votingEase = 4,
                verificationClarity = 3,
                wouldTrust = true,
                wouldUseAgain = true,
                whatWorked = "quick",
                whatConfused = "",
                suggestions = "",
                technicalIssues = "",
                interviewConsent = false,
            }));
        }

        // The receipts and final notices leave at the end of their slot: the clock moves past it.
        await Eventually.HoldsAsync(async () => await app.WithDbAsync(db => db.FinalityNotices.CountAsync()) == 0, "every ballot final", 90);
        app.Clock.Advance(TimeSpan.FromMinutes(new Server.Mail.MailOptions().BallotMailSlotMinutes));
        await Eventually.HoldsAsync(
            async () => await app.WithDbAsync(db => db.FinalityNotices.CountAsync()) == 0
                && await app.WithDbAsync(db => db.OutgoingMail.AllAsync(m => m.Status == MailStatus.Sent)),
            "every ballot final, its notices and receipts delivered", 90);
        // An hour has passed on the clock: the organiser's API sign-in has expired.
        pilot = await pilot.SignedInAgainAsync();
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
        var casts = truth.Select(t => t.Receipt).OrderBy(r => r.CastAt).ToList();
        foreach (var row in rows)
        {
            // 1. No row holds a voter and a ballot's code.
            Assert.False(voters.Any(v => v.Mentioned(row.Text)) && codes.Any(c => row.Text.Contains(c, StringComparison.OrdinalIgnoreCase)),
                $"{row.Table} holds a voter and a tracking code: {row.Text}");
        }

        // 2. Times beside voters, attacked as the box's published cast times allow: for each column, guess that a
        //    voter's ballot is the first cast at or after the voter's time there, or the last one at or before it. A
        //    column that keeps only the day (or a moment every voter shares) makes the same guess for everyone, right
        //    for at most one or two voters; an exact time is right for nearly all.
        var guessed = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var voter in voters.Where(v => v.Mentioned(row.Text)))
            {
                foreach (var (column, time) in row.Times)
                {
                    var after = casts.FirstOrDefault(c => c.CastAt >= time);
                    var before = casts.LastOrDefault(c => c.CastAt <= time);
                    foreach (var (direction, guess) in new[] { ("after", after), ("before", before) })
                    {
                        if (guess?.TrackingCode == voter.Receipt.TrackingCode)
                        {
                            var key = $"{row.Table}.{column} ({direction})";
                            (guessed.TryGetValue(key, out var found) ? found : guessed[key] = []).Add(voter.Id);
                        }
                    }
                }
            }
        }

        foreach (var (column, found) in guessed)
        {
            Assert.True(found.Count <= Voters / 4, $"{column}: the cast nearest each voter's time there is that voter's ballot for {found.Count} of {Voters} voters");
        }

        // 3. No table's physical order (SQLite's rowid; PostgreSQL's xmin and ctid) follows the log's: of every two
        //    voters' rows, about half are stored in the order the two ballots were cast, not nearly all.
        foreach (var table in rows.GroupBy(r => r.Table))
        {
            var order = table.OrderBy(r => r.PhysicalOrder)
                .Select(r => voters.Where(v => v.Mentioned(r.Text)).ToList())
                .Where(named => named.Count == 1).Select(named => named[0].Receipt.LogPosition).Distinct().ToList();
            if (order.Count < Voters / 2)
            {
                continue;
            }

            var pairs = 0;
            var inCastOrder = 0;
            for (var i = 0; i < order.Count; i++)
            {
                for (var j = i + 1; j < order.Count; j++)
                {
                    pairs++;
                    inCastOrder += order[i] < order[j] ? 1 : 0;
                }
            }

            Assert.True(inCastOrder < pairs * 0.9, $"{table.Key}'s rows are stored in the order the ballots were cast ({inCastOrder} of {pairs} pairs): {string.Join(", ", order)}");
        }

        // 4. On PostgreSQL, no old row version is left in the pages of the tables re-written at the close (what the
        //    rows were before, in the order they were written): every tuple the pages hold is a live row.
        if (provider == StorageProvider.Postgres)
        {
            foreach (var (table, tuples, live) in await app.WithDbAsync(TuplesAndRowsAsync))
            {
                Assert.True(tuples == live, $"{table}'s pages hold {tuples} row versions for {live} rows");
            }
        }

        Assert.Contains(rows, r => r.Table == "VoterRoll");
        Assert.Equal(Voters, rows.Count(r => r.Table == "Feedback"));

        // 5. Stored mail, decrypted as anyone holding the data directory's key ring could: nothing ties an address to a code.
        var mails = await app.WithServiceAsync(async s =>
        {
            var protection = s.GetRequiredService<IDataProtectionProvider>();
            return (await s.GetRequiredService<Ballotline.Server.Data.BallotlineDb>().OutgoingMail.ToListAsync()).Select(m => (m.To, Text: MailOutbox.Text(m, protection) + m.DeduplicationKey)).ToList();
        });
        Assert.NotEmpty(mails);
        Assert.DoesNotContain(mails, m => voters.Any(v => v.Mentioned(m.To)) && codes.Any(c => m.Text.Contains(c, StringComparison.OrdinalIgnoreCase)));

        // 6. The database's own files, read as bytes the way a copy of the data directory can be: every encrypted
        //    payload left anywhere in them — in a free page, a deleted row's bytes, an old page image in the write-ahead
        //    log — decrypted with the data directory's key ring. A deleted receipt still there ties an address to a code.
        if (provider == StorageProvider.Sqlite)
        {
            // A kept message of a receipt's size, which the search must find and open: it can find what it looks for.
            var canary = "A kept message as long as a receipt. " + string.Concat(Enumerable.Repeat("Your ballot was cast. ", 25));
            await app.WithServiceAsync(async s =>
            {
                await s.GetRequiredService<MailOutbox>().EnqueueAsync("canary", "canary", "canary@" + slug + ".example", "Canary", canary, null, CancellationToken.None, sensitive: true);
                await s.GetRequiredService<Ballotline.Server.Data.BallotlineDb>().SaveChangesAsync();
            });
            var readable = await app.WithServiceAsync(s => Task.FromResult(ReadableMailIn(app.DataDirectory, s.GetRequiredService<IDataProtectionProvider>())));
            Assert.Contains(canary, readable);
            Assert.DoesNotContain(readable, text => codes.Any(c => text.Contains(c, StringComparison.OrdinalIgnoreCase)));
        }

        // 7. The pilot log: no line names a voter and a code.
        foreach (var line in (await PilotLogTests.ReadLogsAsync(app)).Split('\n'))
        {
            Assert.False(voters.Any(v => v.Mentioned(line)) && codes.Any(c => line.Contains(c, StringComparison.OrdinalIgnoreCase)), $"a log line links a voter to a code: {line}");
        }
    }

    /// <summary>Does <paramref name="action"/>, then waits for the message it sends to <paramref name="address"/> and returns its link containing <paramref name="path"/>.</summary>
    private static async Task<string> MailedLinkAsync(string address, string path, Func<Task> action)
    {
        Task<List<System.Text.Json.JsonElement>> ToAddressAsync() => MailDev.ReceivedAsync(to => to == address);
        var before = (await ToAddressAsync()).Select(m => m.GetProperty("id").GetString()).ToHashSet();
        await action();
        string? link = null;
        await Eventually.HoldsAsync(async () =>
        {
            link = (await ToAddressAsync()).Where(m => !before.Contains(m.GetProperty("id").GetString()))
                .Select(m => System.Text.RegularExpressions.Regex.Match(m.GetProperty("text").GetString() ?? string.Empty, $@"https?://\S*{System.Text.RegularExpressions.Regex.Escape(path)}\S*"))
                .FirstOrDefault(found => found.Success)?.Value;
            return link is not null;
        }, $"a mail to {address} with a {path} link", 30);
        return link!;
    }

    /// <summary>Every data-protection payload found in the SQLite files' bytes that the mail's protector opens.</summary>
    private static List<string> ReadableMailIn(string dataDirectory, IDataProtectionProvider protection)
    {
        var protector = protection.CreateProtector(MailOutbox.Purpose);
        var readable = new List<string>();
        foreach (var path in Directory.GetFiles(dataDirectory, "ballotline.db*"))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            file.CopyTo(copy);
            var bytes = System.Text.Encoding.Latin1.GetString(copy.ToArray());
            foreach (System.Text.RegularExpressions.Match payload in System.Text.RegularExpressions.Regex.Matches(bytes, "CfDJ8[A-Za-z0-9_-]{40,}"))
            {
                // The bytes after a payload (the next column, the next cell) may continue the match: try each shorter
                // length whose bytes fit the format (a 4-byte header, a 16-byte key id, a 16-byte IV, whole 16-byte
                // blocks and a 32-byte MAC: 4 more than a multiple of 16).
                for (var length = payload.Length; length >= 100; length--)
                {
                    if (length % 4 == 1 || length * 3 / 4 % 16 != 4)
                    {
                        continue;
                    }

                    try
                    {
                        readable.Add(protector.Unprotect(payload.Value[..length]));
                        break;
                    }
                    catch (System.Security.Cryptography.CryptographicException)
                    {
                        // Not this length, or a payload cut short by a page boundary or overwritten in part.
                    }
                }
            }
        }

        return readable;
    }

    private static async Task<List<(string Table, long Tuples, long Live)>> TuplesAndRowsAsync(Ballotline.Server.Data.BallotlineDb db)
    {
        await db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS pageinspect");
        var counts = new List<(string, long, long)>();
        // The table names are the constants below.
#pragma warning disable EF1002, EF1003
        foreach (var table in new[] { "VoterRoll", "Feedback", "PilotVoters", "AspNetUsers", "AspNetUserRoles", "OutgoingMail" })
        {
            var tuples = await db.Database.SqlQueryRaw<long>(
                $"SELECT count(*) AS \"Value\" FROM generate_series(0, (pg_relation_size('\"{table}\"') / current_setting('block_size')::int) - 1) AS page, "
                + $"LATERAL heap_page_items(get_raw_page('\"{table}\"', page::int)) WHERE lp_flags = 1").SingleAsync();
            var live = await db.Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
            counts.Add((table, tuples, live));
        }
#pragma warning restore EF1002, EF1003

        return counts;
    }

    private static async Task<List<Row>> ReadEveryRowAsync(Ballotline.Server.Data.BallotlineDb db, StorageProvider provider)
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

        // SQLite stores a DateTimeOffset as a 64-bit number (SqliteBallotlineDb): read back through the same converter,
        // or its times would not be seen at all.
        var timeColumns = db.Model.GetEntityTypes().SelectMany(t => t.GetProperties()
                .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?))
                .Select(p => (Table: t.GetTableName(), Column: p.GetColumnName())))
            .ToHashSet();
        var binary = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter();
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
                    rows.Add(new Row(table, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                        string.Join(" | ", values.Select(v => $"{v.Name}={Text(v.Value)}")),
                        [.. values.Select(v => (v.Name, Time: v.Value is long stored && timeColumns.Contains((table, v.Name)) ? (DateTimeOffset)binary.ConvertFromProvider(stored)! : TimeOf(v.Value)))
                            .Where(v => v.Time is not null).Select(v => (v.Name, v.Time!.Value))]));
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

    private sealed record Row(string Table, long PhysicalOrder, string Text, IReadOnlyList<(string Column, DateTimeOffset Time)> Times);

    private sealed record Voter(IReadOnlyList<string> Names, Guid Id, Server.Voting.Receipt Receipt)
    {
        public bool Mentioned(string text) => Names.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));
    }
}
