using System.Net;
using System.Net.Http.Json;
using Ballotline.Server.Elections;

namespace Ballotline.Server.Tests.Security;

/// <summary>Every text has a documented limit (docs/security.md, "Text limits"): longer input is refused with a message naming the field, never stored or cut.</summary>
public sealed class InputLimitTests
{
    [Fact]
    public async Task A_candidate_name_title_or_reason_over_its_limit_is_refused_naming_the_field()
    {
        await using var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        var input = PilotDriver.Input("limits");

        var longName = input with { Slug = "limits-name", Contests = [input.Contests[0] with { Candidates = [new("aurora", new string('A', 100_000)), new("beacon", "Beacon")] }] };
        var refused = await pilot.Admin.PostAsJsonAsync("/api/elections", longName);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("candidate 'aurora' needs a unique id", (await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var longTitle = input with { Slug = "limits-title", Title = new string('T', 201) };
        Assert.Equal(HttpStatusCode.BadRequest, (await pilot.Admin.PostAsJsonAsync("/api/elections", longTitle)).StatusCode);
        Assert.Empty((await pilot.Admin.GetFromJsonAsync<List<ElectionSummary>>("/api/elections"))!);

        var election = await pilot.CreateElectionAsync(input);
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen);
        await pilot.OpenVotingAsync(election.Id);
        var reason = await pilot.TransitionAsync(election.Id, ElectionState.Paused, new string('r', ElectionService.MaxReason + 1));
        Assert.Equal(HttpStatusCode.BadRequest, reason.StatusCode);
        Assert.Equal("reason-too-long", (await PilotDriver.ProblemAsync(reason)).GetProperty("code").GetString());
        Assert.Equal(nameof(ElectionState.VotingOpen), (await pilot.Admin.GetFromJsonAsync<ElectionSummary>($"/api/elections/{election.Id}"))!.State);
    }
}
