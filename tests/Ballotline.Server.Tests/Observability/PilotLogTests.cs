using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.Elections;
using Ballotline.Server.Tests.Anchoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Observability;

/// <summary>The pilot log: one structured event per user action, and never a secret or a choice.</summary>
public sealed class PilotLogTests
{
    internal static async Task<string> ReadLogsAsync(BallotlineApp app)
    {
        var directory = Path.Combine(app.DataDirectory, "logs");
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(directory))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    [Fact]
    public async Task A_whole_election_logs_every_action_and_no_choice_password_token_or_key()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("secrecy"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(3)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        var invitations = await pilot.InviteAsync(election.Id);
        await pilot.MoveAsync(election.Id, ElectionState.VotingOpen);
        var secrets = new List<string> { PilotDriver.Password };
        var receipts = new List<Server.Voting.Receipt>();
        string[] choices = ["aurora", "compass", "aurora"];
        for (var i = 0; i < 3; i++)
        {
            secrets.Add(PilotDriver.TokenOf(invitations[i]));
            var voter = await pilot.RegisterAsync(invitations[i]);
            secrets.Add(voter.DefaultRequestHeaders.Authorization!.Parameter!);
            await voter.GetAsync($"/api/elections/{election.Id}/ballot");
            var cast = await PilotDriver.CastAsync(voter, election.Id, choices[i]);
            await PilotDriver.EnsureAsync(cast);
            receipts.Add((await cast.Content.ReadFromJsonAsync<Server.Voting.Receipt>())!);
        }

        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, receipts[^1].TrackingCode)).Stage == "final", "the ballots are final");
        await AnchoringTests.VerifyAsync(app, receipts[0].TrackingCode);
        await pilot.MoveAsync(election.Id, ElectionState.Closed);

        var stored = await app.WithDbAsync(db => db.Elections.SingleAsync(e => e.Id == election.Id));
        secrets.Add(await app.WithServiceAsync(s => Task.FromResult(s.GetRequiredService<ElectionCrypto>().TrusteeKey(stored, PilotDriver.KeyPassphrase).Secret.ToHex())));
        secrets.Add((await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "chain", "authority.key"))).Trim().Replace("0x", string.Empty, StringComparison.Ordinal));
        secrets.Add(Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(app.DataDirectory, "keyring.key"))));
        secrets.Add(pilot.Admin.DefaultRequestHeaders.Authorization!.Parameter!);

        var log = await ReadLogsAsync(app);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, log, StringComparison.OrdinalIgnoreCase);
        }

        // No choice in any form: candidate ids and names never reach the log.
        foreach (var candidate in new[] { "aurora", "beacon", "compass" })
        {
            Assert.DoesNotContain(candidate, log, StringComparison.OrdinalIgnoreCase);
        }

        var events = log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        string[] expected = ["Registration started for {Slug}", "Registration completed for {Slug}",
            "Ballot cast in {Slug}",
            "Verification attempted in election {ElectionId}: verified={Verified} ({Reason})", "Election {Slug} moved from {From} to {To} by {Actor}",
            "Issued {Count} invitations for {Slug} (by {Actor})"];
        foreach (var template in expected)
        {
            Assert.Contains(events, e => e.TryGetProperty("@mt", out var mt) && mt.GetString() == template);
        }

        Assert.Contains(events, e => e.GetProperty("@mt").GetString()!.StartsWith("Anchored:", StringComparison.Ordinal));
        var castEvents = events.Where(e => e.GetProperty("@mt").GetString()!.StartsWith("Ballot cast", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, castEvents.Count);
        Assert.All(castEvents, e => Assert.Matches("^[0-9a-f]{32}$", e.GetProperty("CorrelationId").GetString()));

        // Nothing in the log ties a voter to a ballot: no tracking code (full or short) appears anywhere in it.
        foreach (var receipt in receipts)
        {
            Assert.DoesNotContain(receipt.TrackingCode, log, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(receipt.ShortCode, log, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_pilot_log_rolls_by_size_and_keeps_the_configured_number_of_files()
    {
        await using var app = new BallotlineApp().With("PilotLog:FileSizeLimitBytes", "2048").With("PilotLog:RetainedFileCountLimit", "3");
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("rolling"));
        for (var i = 0; i < 30; i++)
        {
            await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/invitations", new { });
        }

        var files = Directory.GetFiles(Path.Combine(app.DataDirectory, "logs"));
        Assert.Equal(3, files.Length);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length <= 2048 + 1024, $"{f} is {new FileInfo(f).Length} bytes"));
    }
}
