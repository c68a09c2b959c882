using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Feedback;

/// <summary>The plan's feedback response rate: one gentle reminder to each voter who cast and has not answered.</summary>
public sealed class FeedbackReminderTests
{
    [Fact]
    public async Task Only_voters_who_cast_and_have_not_answered_are_reminded_and_each_only_once()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync("feedback-reminder", 4);
        await pilot.OpenVotingAsync(election.Id);
        var voters = new List<HttpClient>();
        foreach (var invitation in invitations.Take(3))
        {
            voters.Add(await pilot.RegisterAsync(invitation));
        }

        // Voters 0 and 1 cast; 0 answers. Voter 2 registered without voting; voter 3 never registered.
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(voters[0], election.Id, "aurora"));
        await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(voters[1], election.Id, "beacon"));
        await PilotDriver.EnsureAsync(await voters[0].PutAsJsonAsync($"/api/elections/{election.Id}/feedback", new Server.Feedback.FeedbackInput(4, 4, 4, 4, true, true, "", "", "", "")));

        var first = await pilot.Admin.PostAsync($"/api/elections/{election.Id}/reminders/NoFeedback", null);
        await PilotDriver.EnsureAsync(first);
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("queued").GetInt32());
        var reminded = await app.WithDbAsync(db => db.OutgoingMail.Where(m => m.Kind == "reminder").Select(m => m.To).ToListAsync());
        Assert.Equal([invitations[1].Email], reminded);

        // Pressed again (the next day too): nobody is reminded twice.
        app.Clock.Advance(TimeSpan.FromDays(1));
        var admin = await PilotDriver.SignInAsync(app, "admin@example.org", PilotDriver.Password);
        var again = await admin.PostAsync($"/api/elections/{election.Id}/reminders/NoFeedback", null);
        await PilotDriver.EnsureAsync(again);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("queued").GetInt32());
    }
}
