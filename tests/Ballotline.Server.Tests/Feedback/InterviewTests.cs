using System.Net;
using System.Net.Http.Json;
using Ballotline.Server.Feedback;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Feedback;

/// <summary>The plan's user interviews: chosen among those who agreed, balanced across strata, invited by mail, notes in the report.</summary>
public sealed class InterviewTests
{
    [Fact]
    public async Task Interviewees_are_chosen_only_among_those_who_agreed_balanced_across_group_and_age_band_invited_and_their_notes_join_the_report()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync("interviews", 16);
        await pilot.OpenVotingAsync(election.Id);
        foreach (var invitation in invitations)
        {
            var voter = await pilot.RegisterAsync(invitation);
            // Voters 0 and 1 do not agree to an interview; the other 14 do.
            await PilotDriver.EnsureAsync(await voter.PutAsJsonAsync($"/api/elections/{election.Id}/feedback",
                new FeedbackInput(4, 4, 4, 4, true, true, "Clear", "", "", "", InterviewConsent: invitation.Email is not ("voter0@example.org" or "voter1@example.org"))));
        }

        var tooFew = await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/interviews", new { count = 9 });
        Assert.Equal(HttpStatusCode.BadRequest, tooFew.StatusCode);
        Assert.Equal("invalid-interview-count", (await PilotDriver.ProblemAsync(tooFew)).GetProperty("code").GetString());

        var chosen = (await (await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/interviews", new { count = 12 })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<List<InterviewService.InterviewView>>())!;
        Assert.Equal(12, chosen.Count);
        Assert.DoesNotContain(chosen, c => c.Email is "voter0@example.org" or "voter1@example.org");

        // Balanced: a stratum has two more than another only when that other has nobody left who agreed.
        var willing = Enumerable.Range(2, 14).GroupBy(Stratum).ToDictionary(g => g.Key, g => g.Count());
        var taken = chosen.GroupBy(c => (c.Group, c.AgeBand)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var a in willing.Keys)
        {
            foreach (var b in willing.Keys)
            {
                var (na, nb) = (taken.GetValueOrDefault(a), taken.GetValueOrDefault(b));
                Assert.True(na < nb + 2 || nb == willing[b], $"{a} has {na} interviewees while {b} has {nb} of {willing[b]} willing");
            }
        }

        var mails = await app.WithDbAsync(db => db.OutgoingMail.AsNoTracking().Where(m => m.Kind == "interview").Select(m => m.To).ToListAsync());
        Assert.Equal(chosen.Select(c => c.Email).Order(), mails.Order());

        // Asking again chooses among those left (two), never anyone twice.
        var more = (await (await pilot.Admin.PostAsJsonAsync($"/api/elections/{election.Id}/interviews", new { count = 10 })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<List<InterviewService.InterviewView>>())!;
        Assert.Equal(2, more.Count);
        Assert.Empty(more.Select(m => m.Email).Intersect(chosen.Select(c => c.Email)));

        string[] notes = ["The receipt email arrived late.", "Could not find the receipt email at first.", "Wanted the receipt email in larger print."];
        foreach (var (interview, note) in chosen.Take(3).Zip(notes))
        {
            await PilotDriver.EnsureAsync(await pilot.Admin.PutAsJsonAsync($"/api/elections/{election.Id}/interviews/{interview.Id}/notes", new { notes = note }));
        }

        var report = await pilot.Admin.GetStringAsync($"/api/elections/{election.Id}/report/metrics");
        var line = report.Split('\n').FirstOrDefault(l => l.StartsWith("- User interviews", StringComparison.Ordinal)) ?? "(no interviews line)";
        Assert.True(line.StartsWith("- User interviews: notes from 3 of 14 invited; themes: receipt email (3 interviews)", StringComparison.Ordinal), line);
    }

    private static (string Group, string AgeBand) Stratum(int i) => (i % 5 < 2 ? "technical" : "average", new[] { "18-29", "30-44", "45-59", "60+" }[i % 4]);
}
