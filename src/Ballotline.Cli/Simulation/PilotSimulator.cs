using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ballotline.Cli.ServerApi;
using Ballotline.Crypto.Ballots;
using Ballotline.Ledger.Faults;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Elections;
using Ballotline.Server.Feedback;
using Ballotline.Server.PilotGroup;
using Ballotline.Server.Results;
using Ballotline.Server.Support;
using Ballotline.Server.Voting;

namespace Ballotline.Cli.Simulation;

/// <summary>
/// Rehearses a whole pilot through the server's HTTP API, as the organiser and the voters would: creates the
/// election, imports and invites a synthetic group, registers and votes with the plan's timings and drop-offs
/// (with chain faults injected on the way), verifies, gives feedback, asks for help, closes, tallies, writes the
/// reports, and finally checks the published result against what its voters intended.
/// </summary>
public sealed class PilotSimulator(SimulationOptions options, TextWriter output)
{
    // The organiser's election key passphrase for a 1-of-1 rehearsal: made up for the run, held only here.
    private readonly string _keyPassphrase = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));

    private const string ContestId = "project-name";

    private static readonly CandidateSpec[] Candidates =
        [new("aurora", "Aurora"), new("beacon", "Beacon"), new("compass", "Compass"), new("delta", "Delta"), new("ember", "Ember")];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // The rehearsal's own support ledger: when each of its tickets was opened and resolved, by this machine's clock.
    private readonly ConcurrentDictionary<long, DateTimeOffset> _ticketOpened = new();
    private readonly ConcurrentDictionary<long, DateTimeOffset> _ticketResolved = new();
    private int _outageBegan;

    /// <summary>The chain faults the rehearsal injects; in effect only on a server the simulator started.</summary>
    public ChainFaults Faults { get; } = new(options.Seed) { ErrorRate = options.RpcErrorRate, Delay = options.RpcDelay };

    public async Task<SimulationOutcome> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var plans = VoterPlanner.Plan(options, Candidates.Length);
        output.WriteLine(string.Create(Invariant, $"Rehearsing a pilot of {options.Voters} voters (seed {options.Seed}, {Math.Round(options.TechnicalShare * 100)}% technical, drop-off '{options.DropOff.Name}', satisfaction '{options.Satisfaction.Name}', time x{options.TimeScale})."));
        if (options.InjectsFaults)
        {
            output.WriteLine(string.Create(Invariant, $"Chain faults: outage {options.ChainOutage.TotalSeconds:0} s when half the ballots are cast, RPC error rate {options.RpcErrorRate:P0}, {options.RpcDelay.TotalMilliseconds:0} ms added to every RPC call."));
        }

        await using var server = options.Url is null ? await RehearsalServer.StartAsync(options, Faults, ct) : null;
        var url = server?.Url ?? options.Url!;
        if (server is not null)
        {
            output.WriteLine($"Started a rehearsal server at {url} (data in {server.DataDirectory}).");
        }

        using var admin = new PilotApi(url);
        await admin.SignInAsync(server is null ? options.Email! : RehearsalServer.AdminEmail, server?.AdminPassword ?? options.Password!, ct);

        var (election, trusteeKeys) = await SetUpAsync(admin, plans, ct);
        var invitations = await admin.PostAsync<List<PilotGroupApi.InvitationView>>($"/api/elections/{election.Id}/invitations?email=true", null, ct);
        var tokens = invitations.ToDictionary(i => i.Email, i => i.Link[(i.Link.LastIndexOf('/') + 1)..], StringComparer.OrdinalIgnoreCase);
        output.WriteLine(string.Create(Invariant, $"Election '{election.Slug}' ({election.Id}) created; {invitations.Count} invitations sent."));

        var voters = new ConcurrentDictionary<int, PilotApi>();
        try
        {
            await RegisterAsync(plans, tokens, voters, url, ct);
            await EnsureStateAsync(admin, election.Id, ElectionState.VotingOpen, ct);
            var challenges = new ConcurrentDictionary<int, bool>();
            var receipts = await VoteAsync(election, plans, voters, challenges, url, ct);
            await WaitForFinalityAsync(admin, receipts.Values, ct);
            await VerifyAndGiveFeedbackAsync(election, plans, voters, receipts, ct);
            await AnswerTicketsAsync(admin, election.Id, ct);
            await RecordLessonsAsync(admin, election.Id, ct);
            await EnsureStateAsync(admin, election.Id, ElectionState.Closed, ct);
            await DecryptAsTrusteesAsync(trusteeKeys, ct);
            await EnsureStateAsync(admin, election.Id, ElectionState.Tallied, ct);

            var files = await WriteReportsAsync(admin, election.Id, ct);
            var (recordFile, recordCheck) = await VerifyRecordAsync(admin, election, server is not null && options.Rpc is null ? new Uri(url, "/chain/rpc").ToString() : options.Rpc?.ToString(), ct);
            files = [.. files, recordFile];
            var decision = await admin.GetAsync<JsonElement>($"/api/elections/{election.Id}/decision", ct);
            var checks = new List<SimulationCheck>
            {
                await TallyCheckAsync(admin, election, plans, receipts, ct),
                await ReceiptsCheckAsync(admin, receipts, ct),
                recordCheck,
                new("Every challenged ballot opened to what its voter chose", challenges.Values.All(ok => ok),
                    string.Create(Invariant, $"{challenges.Values.Count(ok => ok)}/{challenges.Count} challenged ballots opened to their voter's choice; none was counted")),
                new("Every voter who meant to cast was given a receipt", receipts.Count == plans.Count(p => p.Reach == VoterReach.Casts),
                    string.Create(Invariant, $"{receipts.Count} receipts for {plans.Count(p => p.Reach == VoterReach.Casts)} voters who cast")),
                ReconcileDecision(decision, plans, voters, receipts),
                ReconcileReport(await File.ReadAllTextAsync(files[0], ct), plans, voters, receipts),
            };
            return new SimulationOutcome(checks, decision.GetProperty("verdict").GetString() ?? "?", decision.GetProperty("markdown").GetString() ?? "", files, clock.Elapsed, options.Voters);
        }
        finally
        {
            foreach (var client in voters.Values)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// The GO / NO-GO's figures against the rehearsal's own ledger of what its voters and support desk did:
    /// participants, completion, satisfaction and trust from the plans that acted; critical issues (the rehearsal
    /// logs none); support resolution from its own clock readings around each ticket (within 0.01 h: its readings
    /// bracket the server's); transaction success exactly 100% when no chain fault was injected, and below 100% when
    /// an outage was injected while ballots waited (an outage the figure does not show is a figure that cannot fail).
    /// A figure the server computed otherwise fails the rehearsal.
    /// </summary>
    private SimulationCheck ReconcileDecision(JsonElement decision, IReadOnlyList<VoterPlan> plans, ConcurrentDictionary<int, PilotApi> voters, ConcurrentDictionary<int, Receipt> receipts)
    {
        var registered = plans.Where(p => voters.ContainsKey(p.Index)).ToList();
        var answered = registered.Where(p => p.Feedback is not null).Select(p => p.Feedback!).ToList();
        var noFaults = Faults.InjectedFailures == 0 && !options.InjectsFaults;
        var ownCount = new Reporting.PilotOutcome(
            Reporting.Measure.Of(registered.Count),
            Reporting.Measure.Ratio(receipts.Count, registered.Count, "no voter has registered"),
            noFaults ? Reporting.Measure.Of(1) : Reporting.Measure.Unavailable("faults were injected"),
            answered.Count == 0 ? Reporting.Measure.Unavailable("no feedback was given") : Reporting.Measure.Of(answered.Average(f => f.Overall)),
            Reporting.Measure.Ratio(answered.Count(f => f.WouldTrust), answered.Count, "no feedback was given"),
            0,
            0,
            Reporting.Measure.Unavailable("compared with a tolerance below"));
        var exact = new HashSet<Reporting.SuccessTarget>
        {
            Reporting.SuccessTarget.Participants, Reporting.SuccessTarget.VoteCompletion, Reporting.SuccessTarget.Satisfaction,
            Reporting.SuccessTarget.WouldTrust, Reporting.SuccessTarget.CriticalIssues,
        };
        if (noFaults)
        {
            exact.Add(Reporting.SuccessTarget.TransactionSuccess);
        }

        var published = decision.GetProperty("table").EnumerateArray().ToDictionary(r => r.GetProperty("metric").GetString()!, r => r.GetProperty("actual").GetString()!, StringComparer.Ordinal);
        var rows = Reporting.SuccessTable.Evaluate(ownCount).ToDictionary(r => r.Target);
        var differences = new List<string>();
        var agreed = new List<string>();
        foreach (var row in rows.Values.Where(r => exact.Contains(r.Target)))
        {
            var theirs = published.GetValueOrDefault(row.Metric, "missing");
            (theirs == row.Actual ? agreed : differences).Add(theirs == row.Actual ? $"{row.Metric} {row.Actual}" : $"{row.Metric}: the decision says {theirs}, the rehearsal's voters give {row.Actual}");
        }

        var support = published.GetValueOrDefault(rows[Reporting.SuccessTarget.SupportResolution].Metric, "missing");
        var ownHours = _ticketResolved.IsEmpty ? 0 : _ticketResolved.Average(t => (t.Value - _ticketOpened[t.Key]).TotalHours);
        if (LeadingNumber(support) is { } hours && Math.Abs(hours - ownHours) <= 0.01)
        {
            agreed.Add(string.Create(Invariant, $"support resolution {support} (the rehearsal timed {_ticketResolved.Count} tickets: {ownHours:0.000} h)"));
        }
        else
        {
            differences.Add(string.Create(Invariant, $"support resolution: the decision says {support}, the rehearsal timed {_ticketResolved.Count} tickets at {ownHours:0.000} h on average"));
        }

        var success = published.GetValueOrDefault(rows[Reporting.SuccessTarget.TransactionSuccess].Metric, "missing");
        if (!noFaults && _outageBegan == 1)
        {
            (LeadingNumber(success) is < 100 ? agreed : differences).Add(LeadingNumber(success) is < 100
                ? $"transaction success {success}, below 100% after the injected outage"
                : string.Create(Invariant, $"transaction success: the decision says {success} after an injected outage of {options.ChainOutage.TotalSeconds:0} s with ballots waiting — the figure does not show it"));
        }

        var notReconciled = noFaults || _outageBegan == 1 ? "" : " (transaction success not reconciled: only RPC errors and delays were injected, which the server's retries may absorb)";
        return new SimulationCheck("Every decision figure equals the rehearsal's own count", differences.Count == 0, differences.Count == 0
            ? string.Join("; ", agreed) + notReconciled
            : string.Join("; ", differences));
    }

    /// <summary>
    /// The metrics report's counts against the rehearsal's own: the pilot group, registrations, ballots cast, the
    /// funnel and the feedback response rate (answers from voters who cast, over them).
    /// </summary>
    private static SimulationCheck ReconcileReport(string metrics, IReadOnlyList<VoterPlan> plans, ConcurrentDictionary<int, PilotApi> voters, ConcurrentDictionary<int, Receipt> receipts)
    {
        var registered = plans.Count(p => voters.ContainsKey(p.Index));
        var answered = plans.Count(p => voters.ContainsKey(p.Index) && p.Feedback is not null);
        var answeredCast = plans.Count(p => receipts.ContainsKey(p.Index) && p.Feedback is not null);
        var rate = receipts.IsEmpty ? "not computable" : Reporting.SuccessTable.Percent((double)answeredCast / receipts.Count);
        string[] expected =
        [
            string.Create(Invariant, $"- Total participants: {registered} registered of {plans.Count} in the pilot group"),
            string.Create(Invariant, $"- Votes cast: {receipts.Count}\n"),
            string.Create(Invariant, $"- Total votes: {receipts.Count}\n"),
            string.Create(Invariant, $"| invited | {plans.Count} |"),
            string.Create(Invariant, $"| registered | {registered} |"),
            string.Create(Invariant, $"| cast | {receipts.Count} |"),
            string.Create(Invariant, $"| feedback | {answered} |"),
            string.Create(Invariant, $"- Feedback response rate: {rate} of the voters who cast online ({answeredCast} of {receipts.Count})"),
        ];
        var missing = expected.Where(line => !metrics.Contains(line, StringComparison.Ordinal)).Select(line => line.TrimEnd('\n')).ToList();
        return new SimulationCheck("Every count in the metrics report equals the rehearsal's own", missing.Count == 0, missing.Count == 0
            ? string.Create(Invariant, $"{plans.Count} in the group, {registered} registered, {receipts.Count} cast, {answered} answered the feedback ({answeredCast} of them cast)")
            : $"the report does not say: {string.Join("; ", missing)}");
    }

    /// <summary>The number a table cell starts with ("2.50 h", "93.1% (note)"), or null for "not computable: …".</summary>
    private static double? LeadingNumber(string cell)
    {
        var digits = new string(cell.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
        return double.TryParse(digits, NumberStyles.Float, Invariant, out var value) ? value : null;
    }

    private async Task<(ElectionSummary Election, IReadOnlyList<FileInfo> TrusteeKeys)> SetUpAsync(PilotApi admin, IReadOnlyList<VoterPlan> plans, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var slug = string.Create(Invariant, $"rehearsal-{options.Seed}-{now:yyyyMMddHHmmss}");
        var input = new ElectionInput(
            slug, $"Pilot rehearsal ({options.Voters} synthetic voters)",
            "A rehearsal of the pilot with synthetic voters (ballotline simulate). No real person takes part.", true,
            [new ContestSpec(ContestId, "Which name should the project take?", Candidates, 1, 1)],
            now.AddMinutes(-1), now.AddDays(2), now.AddMinutes(-1), now.AddDays(2), now.AddDays(3),
            "support@simulation.ballotline.test", "Around the clock during the rehearsal",
            Enum.Parse<RecordingMode>(options.Recording, ignoreCase: true));
        var election = await admin.PostAsync<ElectionSummary>("/api/elections", input, ct);

        var csv = new StringBuilder("name,email,group,age_band,location\n");
        foreach (var p in plans)
        {
            csv.Append(Invariant, $"{p.Name},{p.Email},{(p.Technical ? "technical" : "average")},{p.AgeBand},Rehearsal\n");
        }

        await admin.PostTextAsync($"/api/elections/{election.Id}/voters/import", csv.ToString(), "text/csv", ct);
        var trusteeKeys = await KeyCeremonyAsync(admin, election, ct);
        await EnsureStateAsync(admin, election.Id, ElectionState.RegistrationOpen, ct);
        return (election, trusteeKeys);
    }

    /// <summary>With k-of-n trustees, the rehearsal plays every trustee's machine through the whole key ceremony; returns their key files.</summary>
    private async Task<IReadOnlyList<FileInfo>> KeyCeremonyAsync(PilotApi admin, ElectionSummary election, CancellationToken ct)
    {
        if (options.Trustees == 1)
        {
            return [];
        }

        var keys = new List<FileInfo>();
        var appointed = await admin.PutAsync<List<Server.Ceremony.AppointedTrustee>>($"/api/elections/{election.Id}/trustees",
            new { quorum = options.Quorum, names = Enumerable.Range(1, options.Trustees).Select(i => string.Create(Invariant, $"Rehearsal trustee {i}")).ToArray() }, ct);
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ballotline-rehearsal-trustees", Guid.NewGuid().ToString("N")));
        var trustee = new Ballotline.TrusteeTool.TrusteeClient(TextWriter.Null);
        foreach (var t in appointed)
        {
            var key = new FileInfo(Path.Combine(directory.FullName, string.Create(Invariant, $"trustee-{t.Index}.key")));
            await trustee.KeygenAsync(admin.Server, t.Token, key, ct);
            keys.Add(key);
        }

        foreach (var key in keys)
        {
            await trustee.ShareAsync(key, ct);
        }

        foreach (var key in keys)
        {
            await trustee.CombineAsync(key, ct);
        }

        output.WriteLine(string.Create(Invariant, $"Key ceremony complete: {options.Trustees} trustees committed, dealt sealed shares and confirmed their keys; {options.Quorum} are needed to decrypt."));
        return keys;
    }

    /// <summary>The first k trustees decrypt; the others stay away, as absent trustees may.</summary>
    private async Task DecryptAsTrusteesAsync(IReadOnlyList<FileInfo> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return;
        }

        var trustee = new Ballotline.TrusteeTool.TrusteeClient(TextWriter.Null);
        foreach (var key in keys.Take(options.Quorum))
        {
            await trustee.DecryptAsync(key, null, ct); // the rehearsal's trustees run beside its server; the verifier checks the chain
        }

        output.WriteLine(string.Create(Invariant, $"Trustees 1–{options.Quorum} decrypted the tally; {options.Trustees - options.Quorum} stayed away."));
    }

    private async Task RegisterAsync(IReadOnlyList<VoterPlan> plans, Dictionary<string, string> tokens, ConcurrentDictionary<int, PilotApi> voters, Uri url, CancellationToken ct)
    {
        var starting = plans.Where(p => p.Reach > VoterReach.NeverStarts).ToList();
        var progress = new ProgressLine(output, "Registering", starting.Count);
        await ForEachAsync(starting, async p =>
        {
            var anonymous = new PilotApi(url);
            var token = tokens[p.Email];
            await anonymous.GetAsync<JsonElement>($"/api/registrations/{token}", ct);
            await Task.Delay(p.RegistrationTime, ct);
            if (p.Registers)
            {
                var password = $"rehearsal {p.Index} {Guid.NewGuid():N}";
                await anonymous.PostAsync<object>($"/api/registrations/{token}", new { password, acknowledgedTestNotice = true }, ct);
                await anonymous.SignInAsync(p.Email, password, ct);
                voters[p.Index] = anonymous;
            }
            else
            {
                anonymous.Dispose();
            }

            progress.Step();
        }, ct);
    }

    private async Task<ConcurrentDictionary<int, Receipt>> VoteAsync(ElectionSummary election, IReadOnlyList<VoterPlan> plans, ConcurrentDictionary<int, PilotApi> voters, ConcurrentDictionary<int, bool> challenges, Uri url, CancellationToken ct)
    {
        var receipts = new ConcurrentDictionary<int, Receipt>();
        var casting = plans.Where(p => p.Registers).ToList();
        var expectedCasts = plans.Count(p => p.Reach == VoterReach.Casts);
        var outageStarted = 0;
        var progress = new ProgressLine(output, "Voting", casting.Count);
        await ForEachAsync(casting, async p =>
        {
            var voter = voters[p.Index];
            VotingApi.BallotView? ballotView = null;
            if (p.Reach >= VoterReach.OpensBallotOnly)
            {
                ballotView = await voter.GetAsync<VotingApi.BallotView>($"/api/elections/{election.Id}/ballot", ct);
                await Task.Delay(p.VotingTime, ct);
            }

            if (p.Reach == VoterReach.Casts)
            {
                // The voter's device encrypts; the server only ever sees the encrypted ballot.
                var device = VoterDevice.For(ballotView!.Encryption);
                var intent = PlaintextBallot.ForContest(ContestId, Candidates[p.Choice].Id);
                if (p.Challenges)
                {
                    var audit = device.Encrypt(intent);
                    var opened = await voter.PostAsync<SpoiledBallotView>($"/api/elections/{election.Id}/ballot/challenge", new { ballot = audit.Ballot, nonces = audit.Nonces }, ct);
                    challenges[p.Index] = opened.Contests.Single(c => c.ContestId == ContestId).SelectedIds.SequenceEqual([Candidates[p.Choice].Id]);
                }

                receipts[p.Index] = await voter.PostAsync<Receipt>($"/api/elections/{election.Id}/ballot/encrypted", new { ballot = device.Encrypt(intent).Ballot }, ct);
                if (options.ChainOutage > TimeSpan.Zero && receipts.Count >= expectedCasts / 2 && Interlocked.Exchange(ref outageStarted, 1) == 0)
                {
                    Faults.BeginOutage(options.ChainOutage);
                    _outageBegan = 1;
                    output.WriteLine(string.Create(Invariant, $"  Chain outage begins ({options.ChainOutage.TotalSeconds:0} s) after {receipts.Count} ballots."));
                }
            }

            if (p.TicketSubject is not null)
            {
                var opened = DateTimeOffset.UtcNow;
                var ticket = await voter.PostAsync<Server.Support.SupportApi.TicketView>("/api/support/tickets", new TicketInput(null, p.TicketSubject, $"Rehearsal voter {p.Index + 1}: {p.TicketSubject}.", election.Id), ct);
                _ticketOpened[ticket.Id] = opened;
            }

            progress.Step();
        }, ct);

        // Voters who gave up before registering can still write to support, by email.
        foreach (var p in plans.Where(p => !p.Registers && p.TicketSubject is not null))
        {
            using var anonymous = new PilotApi(url);
            var opened = DateTimeOffset.UtcNow;
            var ticket = await anonymous.PostAsync<Server.Support.SupportApi.TicketView>("/api/support/tickets", new TicketInput(p.Email, p.TicketSubject!, $"Rehearsal voter {p.Index + 1}: {p.TicketSubject}.", election.Id), ct);
            _ticketOpened[ticket.Id] = opened;
        }

        return receipts;
    }

    private async Task WaitForFinalityAsync(PilotApi admin, ICollection<Receipt> receipts, CancellationToken ct)
    {
        var pending = receipts.Select(r => r.TrackingCode).ToHashSet(StringComparer.Ordinal);
        var progress = new ProgressLine(output, "Recording on the chain", receipts.Count);
        var deadline = Stopwatch.StartNew();
        while (pending.Count > 0)
        {
            foreach (var code in pending.ToList())
            {
                var lookup = await admin.GetAsync<VotingApi.BallotLookup>($"/api/ballots/{code}", ct);
                if (lookup.Chain.Stage == "final")
                {
                    pending.Remove(code);
                    progress.Step();
                }
            }

            if (pending.Count == 0)
            {
                break;
            }

            if (deadline.Elapsed > options.FinalityTimeout)
            {
                throw new TimeoutException(string.Create(Invariant, $"{pending.Count} ballots were still not final on the chain after {options.FinalityTimeout.TotalMinutes:0} minutes."));
            }

            progress.Report(string.Create(Invariant, $"{receipts.Count - pending.Count}/{receipts.Count} final"));
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    private async Task VerifyAndGiveFeedbackAsync(ElectionSummary election, IReadOnlyList<VoterPlan> plans, ConcurrentDictionary<int, PilotApi> voters, ConcurrentDictionary<int, Receipt> receipts, CancellationToken ct)
    {
        var acting = plans.Where(p => voters.ContainsKey(p.Index) && (p.Verifies || p.Feedback is not null)).ToList();
        var progress = new ProgressLine(output, "Verifying and giving feedback", acting.Count);
        await ForEachAsync(acting, async p =>
        {
            var voter = voters[p.Index];
            if (p.Verifies && receipts.TryGetValue(p.Index, out var receipt))
            {
                await VerifyAsVoterAsync(voter, receipt.TrackingCode, ct);
            }

            if (p.Feedback is { } f)
            {
                await voter.PutAsync<object>($"/api/elections/{election.Id}/feedback", new FeedbackInput(
                    f.Overall, f.RegistrationEase, f.VotingEase, f.VerificationClarity, f.WouldTrust, f.WouldUseAgain,
                    f.WhatWorked, f.WhatConfused, f.Suggestions, f.TechnicalIssues), ct);
            }

            progress.Step();
        }, ct);
    }

    /// <summary>The organiser's support desk: every rehearsal ticket is triaged, answered and resolved.</summary>
    private async Task AnswerTicketsAsync(PilotApi admin, Guid electionId, CancellationToken ct)
    {
        var queue = await admin.GetAsync<List<Server.Support.SupportApi.TicketView>>("/api/support/tickets", ct);
        // Only the rehearsal's own tickets: a server given with --url may have real ones in its queue.
        var open = queue.Where(t => t.Status != nameof(TicketStatus.Resolved) && t.Email.EndsWith(VoterPlanner.EmailDomain, StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var ticket in open)
        {
            var severity = ticket.Subject.Contains("registration", StringComparison.OrdinalIgnoreCase) || ticket.Subject.Contains("expired", StringComparison.OrdinalIgnoreCase)
                ? TicketSeverity.High
                : TicketSeverity.Medium;
            await admin.PostAsync<object>($"/api/support/tickets/{ticket.Id}/triage", new TriageInput(
                severity, "Rehearsal", TicketStatus.Resolved, RehearsalServer.AdminEmail,
                "Thank you — this is answered in the FAQ; the rehearsal's support desk has resolved it.", null), ct);
            if (_ticketOpened.ContainsKey(ticket.Id))
            {
                _ticketResolved[ticket.Id] = DateTimeOffset.UtcNow;
            }
        }

        output.WriteLine(string.Create(Invariant, $"Support: {open.Count} tickets answered and resolved (election {electionId})."));
    }

    private async Task RecordLessonsAsync(PilotApi admin, Guid electionId, CancellationToken ct)
    {
        var faults = options.InjectsFaults
            ? string.Create(Invariant, $"Injected chain faults: outage {options.ChainOutage.TotalSeconds:0} s, RPC error rate {options.RpcErrorRate:P0}, RPC delay {options.RpcDelay.TotalMilliseconds:0} ms; {Faults.InjectedFailures} chain calls failed on purpose.")
            : "No chain faults were injected.";
        await admin.PutAsync<object>($"/api/elections/{electionId}/lessons", new Server.Operations.OperationsService.LessonsInput(
            "The rehearsal ran end to end through the HTTP API.",
            faults,
            null,
            "Run the rehearsal again after every change before inviting real voters.",
            string.Create(Invariant, $"Seed {options.Seed} reproduces this rehearsal of {options.Voters} voters.")), ct);
    }

    private async Task<IReadOnlyList<string>> WriteReportsAsync(PilotApi admin, Guid electionId, CancellationToken ct)
    {
        options.Output.Create();
        var files = new List<string>();
        foreach (var (path, name) in new[]
        {
            ($"/api/elections/{electionId}/report/metrics", "pilot_election_metrics.md"),
            ($"/api/elections/{electionId}/report/feedback", "feedback_analysis.md"),
            ($"/api/elections/{electionId}/report/phase2.md", "phase2_report.md"),
            ($"/api/elections/{electionId}/report/phase2.html", "phase2_report.html"),
        })
        {
            var file = Path.Combine(options.Output.FullName, name);
            await File.WriteAllTextAsync(file, await admin.GetTextAsync(path, ct), ct);
            files.Add(file);
        }

        return files;
    }

    /// <summary>Downloads the published election record and re-checks it with the independent verifier.</summary>
    private async Task<(string File, SimulationCheck Check)> VerifyRecordAsync(PilotApi admin, ElectionSummary election, string? rpc, CancellationToken ct)
    {
        // The record is complete once the election's close is final on the chain; a record taken before would
        // (rightly) fail the verifier's ledger.close check.
        var waited = Stopwatch.StartNew();
        while (!(await admin.GetAsync<List<Ballotline.Server.Anchoring.LedgerApi.AnchorView>>($"/api/elections/{election.Slug}/anchors", ct)).Any(a => a is { Kind: "Close", Status: "Final" }))
        {
            if (waited.Elapsed > options.FinalityTimeout)
            {
                throw new TimeoutException(string.Create(Invariant, $"The election's close was still not final on the chain after {options.FinalityTimeout.TotalMinutes:0} minutes."));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        var file = Path.Combine(options.Output.FullName, "election_record.zip");
        await File.WriteAllBytesAsync(file, await admin.GetBytesAsync($"/api/elections/{election.Slug}/record.zip", ct), ct);
        using var source = await Ballotline.Verifier.RecordSource.OpenAsync(file, ct);
        // The announcement as a voter would have kept it from the election's page before voting.
        Ballotline.Verifier.ElectionAnnouncement? announcement = null;
        if (rpc is not null)
        {
            // Kept beside the record, so that anyone re-running a verifier on the rehearsal's record has it too.
            var announced = await admin.GetBytesAsync($"/api/elections/{election.Slug}/announcement", ct);
            await File.WriteAllBytesAsync(Path.Combine(options.Output.FullName, "announcement.json"), announced, ct);
            announcement = Ballotline.Verifier.ElectionAnnouncement.Parse(System.Text.Encoding.UTF8.GetString(announced));
        }

        var checks = await new Ballotline.Verifier.ElectionRecordVerifier(source, rpc, announcement: announcement).VerifyAsync(ct);
        var failed = checks.Where(c => !c.Passed).ToList();
        return (file, new SimulationCheck("The published election record verifies independently", failed.Count == 0, failed.Count == 0
            ? string.Create(Invariant, $"{checks.Count(c => c.Passed && !c.Skipped)} checks passed ({string.Join(", ", checks.Where(c => !c.Skipped).Select(c => c.Name))}){(checks.Any(c => c.Skipped) ? $"; not checked: {string.Join(", ", checks.Where(c => c.Skipped).Select(c => c.Name))}" : "")}")
            : string.Join("; ", failed.Select(c => $"{c.Name}: {c.Detail}"))));
    }

    private static async Task<SimulationCheck> TallyCheckAsync(PilotApi admin, ElectionSummary election, IReadOnlyList<VoterPlan> plans, ConcurrentDictionary<int, Receipt> receipts, CancellationToken ct)
    {
        var result = await admin.GetAsync<ElectionResult>($"/api/elections/{election.Slug}/result", ct);
        var published = result.Contests.Single(c => c.Id == ContestId).Candidates.ToDictionary(c => c.Id, c => c.Votes, StringComparer.Ordinal);
        var intended = Candidates.ToDictionary(c => c.Id, c => (long)receipts.Keys.Count(i => Candidates[plans[i].Choice].Id == c.Id), StringComparer.Ordinal);
        var matches = Candidates.All(c => published.GetValueOrDefault(c.Id) == intended[c.Id]) && result.Ballots == receipts.Count;
        var detail = string.Join(", ", Candidates.Select(c => string.Create(Invariant, $"{c.Name} {published.GetValueOrDefault(c.Id)} published / {intended[c.Id]} intended")));
        return new SimulationCheck("The published tally equals the intended votes", matches, string.Create(Invariant, $"{detail}; {result.Ballots} ballots counted"));
    }

    private async Task<SimulationCheck> ReceiptsCheckAsync(PilotApi admin, ConcurrentDictionary<int, Receipt> receipts, CancellationToken ct)
    {
        var progress = new ProgressLine(output, "Checking every receipt against the chain", receipts.Count);
        var failed = new ConcurrentBag<string>();
        await ForEachAsync(receipts.Values.ToList(), async r =>
        {
            var check = await VerifyAsVoterAsync(admin, r.TrackingCode, ct);
            if (!check.Verified || check.LogIndex != r.LogPosition)
            {
                failed.Add($"{r.ShortCode}: {check.Reason}");
            }

            progress.Step();
        }, ct);
        return new SimulationCheck("Every receipt verifies against the root on the chain", failed.IsEmpty,
            failed.IsEmpty ? string.Create(Invariant, $"{receipts.Count}/{receipts.Count} verified") : string.Create(Invariant, $"{failed.Count} failed: {string.Join("; ", failed.Take(5))}"));
    }

    /// <summary>
    /// Checks a receipt as a voter would: when the chain cannot be read just now (503, "try again in a minute" —
    /// the injected RPC errors outlasting the server's retries), the voter tries again, up to five times.
    /// </summary>
    private static async Task<InclusionVerification> VerifyAsVoterAsync(PilotApi client, string trackingCode, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.GetAsync<InclusionVerification>($"/api/ballots/{trackingCode}/verification", ct);
            }
            catch (PilotApiException e) when (e.Status == System.Net.HttpStatusCode.ServiceUnavailable && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
            }
        }
    }

    private async Task EnsureStateAsync(PilotApi admin, Guid electionId, ElectionState state, CancellationToken ct)
    {
        // The server's scheduler may already have moved the election (voting opens on its schedule; closing tallies).
        var current = Enum.Parse<ElectionState>((await admin.GetAsync<ElectionSummary>($"/api/elections/{electionId}", ct)).State);
        if (current >= state)
        {
            return;
        }

        await admin.PostAsync<object>($"/api/elections/{electionId}/transitions", new ElectionApi.TransitionRequest(state.ToString(), "rehearsal", _keyPassphrase), ct);
    }

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct }, async (item, _) => await action(item));
}
