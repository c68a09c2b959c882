using System.Net;
using System.Net.Http.Json;
using Ballotline.Server.Observability.Alerts;
using Ballotline.Server.Support;
using Ballotline.Server.Tests.Anchoring;
using Ballotline.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ballotline.Server.Tests.Observability;

/// <summary>
/// Each of the plan's alerts fired by what it watches for, through a real server on a real chain: an outage
/// (transaction failures, server errors, the lost connection, then slow transactions when it ends), a busy help
/// desk (tickets); quiet before. The gas price spike has its own node (<see cref="GasSpikeAlertTests"/>). Low completion and a chain that lost its records have
/// their own tests (<see cref="AlertEvaluatorTests"/>, <see cref="Integrity.ChainStateLossTests"/>).
/// </summary>
public sealed class AlertScenarioTests(BlockTimeAnvilNode anvil) : IClassFixture<BlockTimeAnvilNode>
{
    private static readonly string[] OutageAlerts =
        ["BallotlineTransactionFailureRateHigh", "BallotlineSystemErrorRateHigh", "BallotlineChainConnectionLost", "BallotlineTransactionsSlow", "BallotlineSupportTicketRateHigh"];

    private static bool Firing(BallotlineApp app, string name) => AlertEvaluatorTests.State(app, name).Firing;

    [Fact]
    public async Task A_chain_outage_fires_the_failure_error_and_connection_alerts_then_the_slow_alert_and_a_worried_voter_the_ticket_alert()
    {
        await using var proxy = new TcpProxy(anvil.Port);
        proxy.Start();
        await using var app = new BallotlineApp().WithChain(proxy.Url, await LedgerTestAccounts.FundedKeyAsync(anvil))
            .With("Alerts:OnCall:0", "oncall@example.org").With("Alerts:EvaluationSeconds", "3600");
        var (pilot, election, receipts) = await AnchoringTests.CastAsync(app, "alert-outage", 2, groupSize: 5);
        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, receipts[^1].TrackingCode)).Stage == "final", "the first ballots are final");
        var evaluator = app.Services.GetRequiredService<AlertEvaluator>();
        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.All(OutageAlerts, name => Assert.False(Firing(app, name), $"{name} fired on a healthy pilot"));

        // Eleven quiet minutes later (the alerts' windows are 5 and 10 minutes, so the first fast anchors leave them).
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.All(OutageAlerts, name => Assert.False(Firing(app, name), $"{name} fired on a quiet pilot"));

        // The node goes away while a third voter casts: the anchoring passes fail with that ballot waiting.
        proxy.Cut();
        var invitations = await pilot.InviteAsync(election.Id);
        var voter = await pilot.RegisterAsync(invitations[0]);
        var cast = await PilotDriver.CastAsync(voter, election.Id, "compass");
        await PilotDriver.EnsureAsync(cast);
        var waiting = (await cast.Content.ReadFromJsonAsync<Server.Voting.Receipt>())!;
        await Eventually.HoldsAsync(() => app.WithDbAsync(db => db.Elections.AnyAsync(e => e.Id == election.Id && e.ChainPassesFailed >= 2)), "anchoring passes have failed with the ballot waiting");

        // A voter checking a final ballot is told to try again (503): a server error the error-rate alert counts.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.CreateClient().GetAsync($"/api/ballots/{receipts[0].TrackingCode}/verification")).StatusCode);
        // ... and writes to support: one ticket for five participants is 20%, over the 10% warning.
        await PilotDriver.EnsureAsync(await voter.PostAsJsonAsync("/api/support/tickets", new TicketInput(null, "Is my vote safe?", "The receipt says not yet on the chain", election.Id)));

        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.True(Firing(app, "BallotlineTransactionFailureRateHigh"), "failed anchoring passes fire the transaction-failure alert");
        Assert.True(Firing(app, "BallotlineSystemErrorRateHigh"), "the 503 answers fire the system-error alert");
        Assert.True(Firing(app, "BallotlineSupportTicketRateHigh"), "one ticket for five participants fires the ticket alert");
        Assert.False(Firing(app, "BallotlineChainConnectionLost"), "the connection alert waits a minute");

        app.Clock.Advance(TimeSpan.FromSeconds(90));
        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.True(Firing(app, "BallotlineChainConnectionLost"), "90 s without the chain fires the connection alert");
        Assert.False(Firing(app, "BallotlineTransactionsSlow"), "nothing has been confirmed slowly yet");

        // The node returns: the waiting ballot is recorded 90 s (by the server's clock) after it was cast.
        proxy.Start();
        await Eventually.HoldsAsync(async () => (await AnchoringTests.StatusAsync(app, waiting.TrackingCode)).Stage == "final", "the ballot cast during the outage is final");
        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.True(Firing(app, "BallotlineTransactionsSlow"), "a ballot 90 s from cast to chain fires the slow-transaction alert");
        Assert.False(Firing(app, "BallotlineChainConnectionLost"), "the connection alert resolves when the chain answers");

        var subjects = await app.WithDbAsync(db => db.OutgoingMail.Where(m => m.Kind == "alert").Select(m => m.Subject).ToListAsync());
        Assert.All(OutageAlerts, name => Assert.Contains(subjects, s => s.Contains($"{name} FIRING", StringComparison.Ordinal)));
        Assert.Contains(subjects, s => s.Contains("BallotlineChainConnectionLost resolved", StringComparison.Ordinal));
    }
}
