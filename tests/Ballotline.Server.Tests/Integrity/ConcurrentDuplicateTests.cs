using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Integrity;

/// <summary>The same request sent many times at once (double clicks, two tabs, retries) never answers 500.</summary>
public sealed class ConcurrentDuplicateTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Ten_concurrent_registrations_with_one_invitation_register_once_and_the_others_are_told_plainly(StorageProvider provider)
    {
        await using var app = new BallotlineApp(provider);
        var pilot = await PilotDriver.StartAsync(app);
        var (_, invitations) = await pilot.OpenRegistrationAsync("double-register", 1);
        var token = PilotDriver.TokenOf(invitations.Single());
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            app.CreateClient().PostAsJsonAsync($"/api/registrations/{token}", new { password = PilotDriver.Password, acknowledgedTestNotice = true })));

        Assert.Contains(responses, r => r.IsSuccessStatusCode);
        foreach (var response in responses.Where(r => !r.IsSuccessStatusCode))
        {
            Assert.True(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Gone,
                $"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var code = (await PilotDriver.ProblemAsync(response)).GetProperty("code").GetString();
            Assert.NotEqual("weak-password", code);
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "voter0@example.org")));
        await PilotDriver.SignInAsync(app, "voter0@example.org", PilotDriver.Password);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Ten_concurrent_feedback_answers_by_one_voter_keep_one_answer_and_none_fails(StorageProvider provider)
    {
        await using var app = new BallotlineApp(provider);
        var pilot = await PilotDriver.StartAsync(app);
        var (election, invitations) = await pilot.OpenRegistrationAsync("double-feedback", 1);
        var voter = await pilot.RegisterAsync(invitations.Single());
        var responses = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => voter.PutAsJsonAsync($"/api/elections/{election.Id}/feedback",
            new { overall = 1 + (i % 5), registrationEase = 4, votingEase = 4, verificationClarity = 4, wouldTrust = true, wouldUseAgain = true })));

        foreach (var response in responses)
        {
            Assert.True(response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.Feedback.CountAsync(f => f.ElectionId == election.Id)));
    }
}
