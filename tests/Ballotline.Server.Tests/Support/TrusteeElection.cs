using System.Net.Http.Json;
using Ballotline.Server.Ceremony;
using Ballotline.Server.Elections;
using Ballotline.TrusteeTool;

namespace Ballotline.Server.Tests;

/// <summary>
/// A k-of-n election on a real port for the trustee tests: appointed trustees with their tokens, each trustee's key
/// file in the app's data directory, the whole key ceremony run by the trustees' tool, and voting through to the close.
/// </summary>
internal sealed record TrusteeElection(BallotlineApp App, PilotDriver Pilot, ElectionSummary Election, Uri Server, IReadOnlyList<AppointedTrustee> Trustees)
{
    /// <summary>Starts <paramref name="app"/> on a free port, creates the election and appoints <paramref name="names"/> with <paramref name="quorum"/>.</summary>
    public static async Task<TrusteeElection> AppointAsync(BallotlineApp app, string slug, int quorum, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(app);
        var port = Ports.Free();
        app.UseKestrel(port);
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input(slug));
        var response = await pilot.Admin.PutAsJsonAsync($"/api/elections/{election.Id}/trustees", new { quorum, names });
        await PilotDriver.EnsureAsync(response);
        var trustees = (await response.Content.ReadFromJsonAsync<List<AppointedTrustee>>())!;
        return new TrusteeElection(app, pilot, election, new Uri($"http://127.0.0.1:{port}"), trustees);
    }

    public FileInfo KeyFile(int index) => new(Path.Combine(App.DataDirectory, "trustees", $"trustee-{index}.key"));

    /// <summary>keygen, then share, then combine, each by every trustee in turn, through <paramref name="tool"/>.</summary>
    public async Task RunCeremonyAsync(TrusteeClient tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        foreach (var t in Trustees)
        {
            await tool.KeygenAsync(Server, t.Token, KeyFile(t.Index), CancellationToken.None);
        }

        foreach (var t in Trustees)
        {
            await tool.ShareAsync(KeyFile(t.Index), CancellationToken.None);
        }

        foreach (var t in Trustees)
        {
            await tool.CombineAsync(KeyFile(t.Index), CancellationToken.None);
        }
    }

    /// <summary>Registration and voting opened, one voter per choice registering and casting it, then the close.</summary>
    public async Task CastAndCloseAsync(params string[] choices)
    {
        await Pilot.MoveAsync(Election.Id, ElectionState.RegistrationOpen);
        await PilotDriver.EnsureAsync(await Pilot.ImportAsync(Election.Id, PilotDriver.GroupCsv(choices.Length)));
        var invitations = await Pilot.InviteAsync(Election.Id);
        await Pilot.MoveAsync(Election.Id, ElectionState.VotingOpen);
        foreach (var (invitation, choice) in invitations.Zip(choices))
        {
            await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(await Pilot.RegisterAsync(invitation), Election.Id, choice));
        }

        await Pilot.MoveAsync(Election.Id, ElectionState.Closed);
    }
}
