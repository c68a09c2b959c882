using System.Net.Http.Json;
using Ballotline.Reporting;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Feedback;
using Ballotline.Server.Operations;
using Ballotline.Server.PilotGroup;
using Ballotline.Server.Reports;
using Ballotline.Server.Support;
using Ballotline.Testing;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Tests.Reports;

/// <summary>
/// One real pilot of 58 voters on a chain, walked through the scenarios of the plan's seven success targets: each
/// target failed on its own (the GO / NO-GO names it and only it), then met again, with every figure of the table
/// equal to the test's own count of what its voters did. Transaction success falls with an outage; an open
/// critical issue, which cannot be undone, comes last.
/// </summary>
public sealed class DecisionScenarioTests(BlockTimeAnvilNode anvil) : IClassFixture<BlockTimeAnvilNode>
{
    private static readonly FeedbackInput Delighted = new(5, 5, 5, 5, true, true, "", "", "", "");

    [Fact]
    public async Task Each_target_fails_alone_in_its_scenario_and_a_pilot_meeting_all_seven_is_a_go()
    {
        await using var proxy = new TcpProxy(anvil.Port);
        proxy.Start();
        await using var app = new BallotlineApp().WithChain(proxy.Url, await LedgerTestAccounts.FundedKeyAsync(anvil));
        var own = new OwnCount(await PilotDriver.StartAsync(app));
        var (election, invitations) = await own.Pilot.OpenRegistrationAsync("decision-scenarios", 58);
        await own.Pilot.OpenVotingAsync(election.Id);
        own.Election = election.Id;

        // Participants: 49 registered, 45 of them cast and answered the feedback delighted; one ticket answered at once.
        await own.RegisterAsync(invitations.Take(49));
        await own.CastAsync(45);
        await own.AnswerAsync(own.Casters, Delighted);
        await own.TicketAsync(TimeSpan.Zero);
        await own.WaitUntilFinalAsync();
        await own.AssertDecisionAsync(SuccessTarget.Participants);

        // Every target met: the 50th voter registers and casts (46 of 50, 92%).
        await own.RegisterAsync(invitations.Skip(49).Take(1));
        await own.CastAsync(1);
        await own.WaitUntilFinalAsync();
        await own.AssertDecisionAsync();

        // Vote completion: eight late registrations who have not voted (46 of 58, 79.3%); they vote (54 of 58).
        await own.RegisterAsync(invitations.Skip(50));
        await own.AssertDecisionAsync(SuccessTarget.VoteCompletion);
        await own.CastAsync(8);
        await own.WaitUntilFinalAsync();
        await own.AssertDecisionAsync();

        // Satisfaction: 25 of the 45 who answered think again and rate the experience 3 (mean 3.89); then 5 again.
        var rethinking = own.Answered.Take(25).ToList();
        await own.AnswerAsync(rethinking, Delighted with { Overall = 3 });
        await own.AssertDecisionAsync(SuccessTarget.Satisfaction);
        await own.AnswerAsync(rethinking, Delighted);
        await own.AssertDecisionAsync();

        // Would trust: 10 of 45 would not (77.8%); then they would.
        var doubters = own.Answered.Take(10).ToList();
        await own.AnswerAsync(doubters, Delighted with { WouldTrust = false });
        await own.AssertDecisionAsync(SuccessTarget.WouldTrust);
        await own.AnswerAsync(doubters, Delighted);
        await own.AssertDecisionAsync();

        // Support resolution: a ticket left five hours (mean 2.5 h); two answered at once bring the mean to 1.67 h.
        await own.TicketAsync(TimeSpan.FromHours(5));
        await own.AssertDecisionAsync(SuccessTarget.SupportResolution);
        await own.TicketAsync(TimeSpan.Zero);
        await own.TicketAsync(TimeSpan.Zero);
        await own.AssertDecisionAsync();

        // Transaction success: the node goes away with a ballot waiting, long enough for failed passes to pass 5%.
        proxy.Cut();
        await own.CastAsync(1);
        var finals = await app.WithDbAsync(db => db.Anchors.CountAsync(a => a.ElectionId == election.Id && a.Kind != AnchorKind.Open && a.Status == AnchorStatus.Final));
        await Eventually.HoldsAsync(() => app.WithDbAsync(db => db.Elections.AnyAsync(e => e.Id == election.Id && e.ChainPassesFailed >= (finals / 15) + 2)),
            "enough anchoring passes have failed", 120);
        proxy.Start();
        await own.WaitUntilFinalAsync();
        await own.AssertDecisionAsync(SuccessTarget.TransactionSuccess);

        // Critical issues: one logged and left open.
        await PilotDriver.EnsureAsync(await own.Admin.PostAsJsonAsync("/api/issues",
            new OperationsService.IssueInput(election.Id, "Receipt lost on one phone", null, TicketSeverity.Critical, IssueStatus.Open, null, "staff")));
        own.CriticalIssues = 1;
        await own.AssertDecisionAsync(SuccessTarget.TransactionSuccess, SuccessTarget.CriticalIssues);
    }

    /// <summary>The test's own ledger of what its voters and staff did, and the table it expects from it.</summary>
    private sealed class OwnCount(PilotDriver pilot)
    {
        private readonly List<HttpClient> _registered = [];
        private readonly List<string> _emails = [];
        private HttpClient _admin = pilot.Admin;
        private readonly Dictionary<HttpClient, FeedbackInput> _answers = [];
        private readonly List<double> _resolutionHours = [];
        private int _cast;

        public PilotDriver Pilot => pilot;

        public HttpClient Admin => _admin;

        public Guid Election { get; set; }

        public int CriticalIssues { get; set; }

        public IEnumerable<HttpClient> Casters => _registered.Take(_cast);

        public IEnumerable<HttpClient> Answered => _answers.Keys;

        public async Task RegisterAsync(IEnumerable<PilotGroupApi.InvitationView> invitations)
        {
            foreach (var invitation in invitations)
            {
                _registered.Add(await pilot.RegisterAsync(invitation));
                _emails.Add(invitation.Email);
            }
        }

        /// <summary>The next <paramref name="count"/> registered voters who have not voted cast on their device.</summary>
        public async Task CastAsync(int count)
        {
            foreach (var voter in _registered.Skip(_cast).Take(count))
            {
                await PilotDriver.EnsureAsync(await PilotDriver.CastAsync(voter, Election, "aurora"));
                _cast++;
            }
        }

        public async Task AnswerAsync(IEnumerable<HttpClient> voters, FeedbackInput answer)
        {
            foreach (var voter in voters.ToList())
            {
                await PilotDriver.EnsureAsync(await voter.PutAsJsonAsync($"/api/elections/{Election}/feedback", answer));
                _answers[voter] = answer;
            }
        }

        /// <summary>A voter writes to support; staff resolve it after <paramref name="after"/> by the server's clock.</summary>
        public async Task TicketAsync(TimeSpan after)
        {
            var opened = await _registered[0].PostAsJsonAsync("/api/support/tickets", new TicketInput(null, "A question", "How do I check my vote?", Election));
            await PilotDriver.EnsureAsync(opened);
            var ticket = (await opened.Content.ReadFromJsonAsync<SupportApi.TicketView>())!;
            if (after > TimeSpan.Zero)
            {
                await LaterAsync(after);
            }

            await PilotDriver.EnsureAsync(await _admin.PostAsJsonAsync($"/api/support/tickets/{ticket.Id}/triage",
                new TriageInput(TicketSeverity.Low, null, TicketStatus.Resolved, null, "Open your receipt and choose Check.", null)));
            _resolutionHours.Add(after.TotalHours);
        }

        /// <summary>Time passes on the server's clock; sessions expire, so staff and the voters still to act sign in again.</summary>
        private async Task LaterAsync(TimeSpan after)
        {
            pilot.App.Clock.Advance(after);
            _admin = await PilotDriver.SignInAsync(pilot.App, "admin@example.org", PilotDriver.Password);
            foreach (var i in new[] { 0 }.Concat(Enumerable.Range(_cast, _registered.Count - _cast)))
            {
                _registered[i] = await PilotDriver.SignInAsync(pilot.App, _emails[i], PilotDriver.Password);
            }
        }

        public Task WaitUntilFinalAsync() => Eventually.HoldsAsync(() => pilot.App.WithDbAsync(async db =>
        {
            var ballots = await db.Elections.Where(e => e.Id == Election).Select(e => e.BallotCount).SingleAsync();
            return await db.Anchors.AnyAsync(a => a.ElectionId == Election && a.Kind == AnchorKind.Anchor && a.Status == AnchorStatus.Final && a.TreeSize == ballots);
        }), "every ballot is final on the chain", 120);

        /// <summary>
        /// The decision names exactly <paramref name="unmet"/> (GO when none), and every actual of its table is the
        /// one this ledger gives. Transaction success is counted from the server's anchors by the formula of
        /// docs/reporting.md (the test cannot see the node's side of a failed pass).
        /// </summary>
        public async Task AssertDecisionAsync(params SuccessTarget[] unmet)
        {
            var decision = (await _admin.GetFromJsonAsync<ReportsApi.DecisionView>($"/api/elections/{Election}/decision"))!;
            var (final, attempts) = await pilot.App.WithDbAsync(async db =>
            {
                var anchors = await db.Anchors.Where(a => a.ElectionId == Election && a.Kind != AnchorKind.Open).ToListAsync();
                var passes = await db.Elections.Where(e => e.Id == Election).Select(e => e.ChainPassesFailed).SingleAsync();
                var ended = anchors.Count(a => a.Status is AnchorStatus.Final or AnchorStatus.Failed or AnchorStatus.Lost);
                return (anchors.Count(a => a.Status == AnchorStatus.Final), ended + anchors.Sum(a => (long)Math.Max(0, a.Attempts - 1)) + passes);
            });
            var answers = _answers.Values.ToList();
            var expected = SuccessTable.Evaluate(new PilotOutcome(
                Measure.Of(_registered.Count),
                Measure.Ratio(_cast, _registered.Count, "no voter has registered"),
                Measure.Ratio(final, attempts, "no anchoring transaction has reached a final outcome yet"),
                Measure.Of(answers.Average(a => a.Overall)),
                Measure.Ratio(answers.Count(a => a.WouldTrust == true), answers.Count, "no feedback was given"),
                CriticalIssues,
                CriticalIssues,
                Measure.Of(_resolutionHours.Average())));

            Assert.Equal(expected.Select(r => $"{r.Metric}: {r.Actual}"), decision.Table.Select(r => $"{r.Metric}: {r.Actual}"));
            Assert.Equal(unmet.Order(), decision.Table.Where(r => !r.Met).Select(r => r.Target).Order());
            Assert.Equal(unmet.Length == 0 ? "GO" : "NO-GO", decision.Verdict);
            foreach (var row in decision.Table.Where(r => !r.Met))
            {
                Assert.Contains(decision.Reasons, reason => reason.StartsWith(row.Metric, StringComparison.Ordinal));
            }
        }
    }
}
