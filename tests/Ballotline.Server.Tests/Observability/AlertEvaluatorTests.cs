using Ballotline.Server.Elections;
using Ballotline.Server.Mail;
using Ballotline.Server.Observability.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Observability;

/// <summary>The in-app evaluator: the same rules, firing and resolving on the server's own metrics, mailing on-call.</summary>
public sealed class AlertEvaluatorTests
{
    internal static AlertState State(BallotlineApp app, string name) =>
        app.Services.GetRequiredService<AlertEvaluator>().States.Single(s => s.Rule.Name == name);

    [Fact]
    public async Task Low_completion_late_in_voting_fires_mails_on_call_and_resolves_when_voters_vote()
    {
        await using var app = new BallotlineApp().With("Alerts:OnCall:0", "oncall@example.org").With("Alerts:EvaluationSeconds", "3600");
        var pilot = await PilotDriver.StartAsync(app);
        var election = await pilot.CreateElectionAsync(PilotDriver.Input("completion"));
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(2)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen, ElectionState.VotingOpen);
        var invitations = await pilot.InviteAsync(election.Id);
        var voters = new List<HttpClient>();
        foreach (var invitation in invitations)
        {
            voters.Add(await pilot.RegisterAsync(invitation));
        }

        var evaluator = app.Services.GetRequiredService<AlertEvaluator>();
        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.False(State(app, "BallotlineVoteCompletionLow").Firing); // early in the window: not judged yet

        app.Clock.Advance(TimeSpan.FromDays(2.5)); // 80% of the way through the voting window, nobody has voted
        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.True(State(app, "BallotlineVoteCompletionLow").Firing);
        var mail = await app.WithDbAsync(db => db.OutgoingMail.Where(m => m.Kind == "alert").ToListAsync());
        Assert.Single(mail);
        Assert.Equal("oncall@example.org", mail[0].To);
        Assert.Contains("BallotlineVoteCompletionLow FIRING", mail[0].Subject, StringComparison.Ordinal);
        Assert.Contains("Send a reminder", mail[0].Body, StringComparison.Ordinal);

        foreach (var invitation in invitations)
        {
            var voter = await PilotDriver.SignInAsync(app, invitation.Email, PilotDriver.Password); // tokens expired with the clock
            await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(voter, election.Id, "aurora"));
        }

        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.False(State(app, "BallotlineVoteCompletionLow").Firing);
        Assert.Contains(await app.WithDbAsync(db => db.OutgoingMail.Where(m => m.Kind == "alert").Select(m => m.Subject).ToListAsync()),
            s => s.Contains("BallotlineVoteCompletionLow resolved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lost_chain_fires_only_after_a_minute_and_the_test_button_mails_on_call()
    {
        await using var app = new BallotlineApp().WithChain($"http://127.0.0.1:{Ports.Free()}", "0x" + new string('1', 64))
            .With("Alerts:OnCall:0", "ops@example.org").With("Alerts:OnCall:1", "lead@example.org").With("Alerts:EvaluationSeconds", "3600");
        await PilotDriver.StartAsync(app);
        await Eventually.HoldsAsync(() => Task.FromResult(!app.Services.GetRequiredService<Ballotline.Server.Anchoring.ChainHealth>().Connected
            && app.Services.GetRequiredService<Ballotline.Server.Anchoring.ChainHealth>().LastError is not null), "the anchorer has failed to reach the chain");
        var evaluator = app.Services.GetRequiredService<AlertEvaluator>();
        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.False(State(app, "BallotlineChainConnectionLost").Firing); // pending: 'for 1m'
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.True(State(app, "BallotlineChainConnectionLost").Firing);
        Assert.Equal(2, await app.WithDbAsync(db => db.OutgoingMail.CountAsync(m => m.Subject.Contains("BallotlineChainConnectionLost FIRING"))));

        Assert.Equal(2, await evaluator.SendTestAsync("admin@example.org", CancellationToken.None));
        Assert.Equal(2, await app.WithDbAsync(db => db.OutgoingMail.CountAsync(m => m.Subject.StartsWith("[Test]"))));
        await Eventually.HoldsAsync(() => app.WithDbAsync(db => db.OutgoingMail.AllAsync(m => m.Status == MailStatus.Stored)), "the local mailbox holds them");
    }
}
