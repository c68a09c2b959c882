using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballotline.Server.PilotGroup;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.PilotGroup;

public sealed class PilotGroupTests
{
    private static async Task<(BallotlineApp, PilotDriver, Guid)> ElectionAsync()
    {
        var app = new BallotlineApp();
        var pilot = await PilotDriver.StartAsync(app);
        return (app, pilot, (await pilot.CreateElectionAsync(PilotDriver.Input("group"))).Id);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_rejected_whole_with_every_bad_row_named()
    {
        var (app, pilot, id) = await ElectionAsync();
        await using var _ = app;
        const string csv = "name,email,group,age_band,location\n" +
            "Ann,ann@example.org,technical,18-29,Oslo\n" +
            "Ben,not-an-email,average,30-44,Oslo\n" +
            "Cat,cat@example.org,expert,45-59,Oslo\n" +
            "Dan,dan@example.org,average,100+,Oslo\n" +
            "Ann again,ANN@example.org,average,60+,Oslo\n";
        var response = await pilot.ImportAsync(id, csv);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await PilotDriver.ProblemAsync(response);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(4, errors.Length);
        Assert.StartsWith("Line 3:", errors[0], StringComparison.Ordinal);
        Assert.Contains("not-an-email", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Line 4:", errors[1], StringComparison.Ordinal);
        Assert.Contains("technical' or 'average", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("Line 5:", errors[2], StringComparison.Ordinal);
        Assert.StartsWith("Line 6:", errors[3], StringComparison.Ordinal);
        Assert.Contains("duplicates line 2", errors[3], StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.PilotVoters.CountAsync()));
    }

    [Theory]
    [InlineData("", "csv-empty")]
    [InlineData("name,email\nAnn,ann@example.org\n", "csv-header")]
    [InlineData("name,email,group,age_band\n", "csv-empty")]
    public async Task An_empty_or_headerless_file_is_rejected_with_what_is_missing(string csv, string code)
    {
        var (app, pilot, id) = await ElectionAsync();
        await using var _ = app;
        var problem = await PilotDriver.ProblemAsync(await pilot.ImportAsync(id, csv));
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Importing_people_already_in_the_group_is_reported_as_duplicates()
    {
        var (app, pilot, id) = await ElectionAsync();
        await using var _ = app;
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(id, PilotDriver.GroupCsv(3)));
        var problem = await PilotDriver.ProblemAsync(await pilot.ImportAsync(id, PilotDriver.GroupCsv(4)));
        Assert.Equal(3, problem.GetProperty("errors").GetArrayLength());
        Assert.Contains("already in the pilot group", problem.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbAsync(db => db.PilotVoters.CountAsync()));
    }

    [Fact]
    public async Task The_composition_warns_about_size_share_and_missing_age_bands()
    {
        var (app, pilot, id) = await ElectionAsync();
        await using var _ = app;
        const string csv = "name,email,group,age_band,location\nAnn,ann@example.org,technical,18-29,\nBen,ben@example.org,technical,18-29,\n";
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(id, csv));
        var composition = await pilot.Admin.GetFromJsonAsync<JsonElement>($"/api/elections/{id}/composition");
        var warnings = composition.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();
        Assert.Equal(3, warnings.Length);
        Assert.Contains("50–200", warnings[0], StringComparison.Ordinal);
        Assert.Contains("100% of the group is technical", warnings[1], StringComparison.Ordinal);
        Assert.Contains("30-44, 45-59, 60+", warnings[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_meeting_the_targets_has_no_warnings()
    {
        var (app, pilot, id) = await ElectionAsync();
        await using var _ = app;
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(id, PilotDriver.GroupCsv(100)));
        var composition = await pilot.Admin.GetFromJsonAsync<JsonElement>($"/api/elections/{id}/composition");
        Assert.Equal(0, composition.GetProperty("warnings").GetArrayLength());
        Assert.Equal(40, composition.GetProperty("technical").GetInt32());
    }

    [Fact]
    public async Task The_sample_group_in_the_docs_imports_and_meets_every_composition_target()
    {
        var (app, pilot, id) = await ElectionAsync();
        await using var _ = app;
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "pilot-group-sample.csv"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(id, sample));
        var composition = await pilot.Admin.GetFromJsonAsync<JsonElement>($"/api/elections/{id}/composition");
        Assert.Equal(0, composition.GetProperty("warnings").GetArrayLength());
        Assert.Equal(120, composition.GetProperty("size").GetInt32());
        Assert.Equal(48, composition.GetProperty("technical").GetInt32());
    }

    [Fact]
    public async Task A_single_voter_can_be_added_and_removed_with_clear_refusals()
    {
        var (app, pilot, id) = await ElectionAsync();
        await using var _ = app;
        var added = await pilot.Admin.PostAsJsonAsync($"/api/elections/{id}/voters", new PilotVoterInput("Eve", "Eve@Example.org", "average", "60+", "Bergen"));
        await PilotDriver.EnsureAsync(added);
        var voter = await added.Content.ReadFromJsonAsync<PilotGroupApi.VoterView>();
        Assert.Equal("eve@example.org", voter!.Email);
        var duplicate = await pilot.Admin.PostAsJsonAsync($"/api/elections/{id}/voters", new PilotVoterInput("Eve", "eve@example.org", "average", "60+", null));
        Assert.Equal("duplicate-voter", (await PilotDriver.ProblemAsync(duplicate)).GetProperty("code").GetString());
        var bad = await pilot.Admin.PostAsJsonAsync($"/api/elections/{id}/voters", new PilotVoterInput("", "x", "none", "5", null));
        Assert.Equal(4, (await PilotDriver.ProblemAsync(bad)).GetProperty("errors").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await pilot.Admin.DeleteAsync($"/api/elections/{id}/voters/{voter.Id}")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.PilotVoters.CountAsync()));
    }

    [Fact]
    public async Task Only_administrators_may_manage_the_group()
    {
        var (app, _, id) = await ElectionAsync();
        await using var _ = app;
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/elections/{id}/voters")).StatusCode);
    }
}
