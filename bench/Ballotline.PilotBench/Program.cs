using System.Diagnostics;
using System.Globalization;
using Ballotline.Cli.ServerApi;
using Ballotline.Cli.Simulation;
using Ballotline.Ledger.Faults;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Feedback;
using Ballotline.Server.PilotGroup;
using Ballotline.Server.Support;
using Ballotline.Server.Voting;
using Microsoft.Extensions.DependencyInjection;

// dotnet run -c Release --project bench/Ballotline.PilotBench
// 1. Report generation through the API, database queries included, for a 200-voter pilot and a 100,000-voter election.
// 2. Simulation throughput: a whole 200-voter pilot rehearsed through the HTTP API with no think time, in voters per minute.
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(invariant, $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));

foreach (var voters in new[] { 200, 100_000 })
{
    await using var server = await RehearsalServer.StartAsync(new SimulationOptions(), new ChainFaults(), CancellationToken.None);
    using var admin = new PilotApi(server.Url);
    await admin.SignInAsync(RehearsalServer.AdminEmail, server.AdminPassword, CancellationToken.None);
    var now = DateTimeOffset.UtcNow;
    var election = await admin.PostAsync<ElectionSummary>("/api/elections", new ElectionInput(
        $"bench-{voters}", "Report benchmark", null, true, [new ContestSpec("c", "Contest", [new("a", "A"), new("b", "B")], 1, 1)],
        now.AddDays(-2), now.AddDays(1), now.AddDays(-1), now.AddDays(1), now.AddDays(2), "support@example.org", null), CancellationToken.None);
    var seeding = Stopwatch.StartNew();
    await SeedAsync(server.Services, election.Id, voters, now);
    Console.WriteLine(string.Create(invariant, $"Seeded {voters} voters in {seeding.Elapsed.TotalSeconds:0.0} s"));

    foreach (var path in new[] { "decision", "report/metrics", "report/phase2.md", "report/phase2.html" })
    {
        var times = new List<double>();
        var length = 0;
        for (var run = 0; run < 4; run++)
        {
            var clock = Stopwatch.StartNew();
            length = (await admin.GetTextAsync($"/api/elections/{election.Id}/{path}", CancellationToken.None)).Length;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        // The first run warms the JIT and SQLite's cache; the median of the other three is reported.
        var steady = times.Skip(1).Order().ToList();
        Console.WriteLine(string.Create(invariant, $"  {voters,7} voters  GET {path,-17} median {steady[1],8:0.0} ms  (first {times[0]:0.0} ms, {length / 1024.0:0} KiB)"));
    }
}

foreach (var run in new[] { 1, 2 })
{
    var outcome = await new PilotSimulator(new SimulationOptions { Voters = 200, TimeScale = 0, Concurrency = 16, Seed = run, Output = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "ballotline-bench-reports")) }, TextWriter.Null)
        .RunAsync(CancellationToken.None);
    Console.WriteLine(string.Create(invariant, $"Simulation run {run}: 200 voters in {outcome.Duration.TotalSeconds:0.0} s = {outcome.VotersPerMinute:0} voters per minute; checks {(outcome.Passed ? "passed" : "FAILED")}"));
}

static async Task SeedAsync(IServiceProvider services, Guid electionId, int voters, DateTimeOffset now)
{
    var random = new Random(20261126);
    string[] words = ["voting", "quick", "easy", "tracking", "code", "confusing", "bigger", "text", "verification", "chain", "slow", "clear", "phone", "trust"];
    string Text() => string.Join(' ', Enumerable.Range(0, random.Next(2, 9)).Select(_ => words[random.Next(words.Length)]));
    const int chunk = 5_000;
    for (var start = 0; start < voters; start += chunk)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BallotlineDb>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = start; i < Math.Min(voters, start + chunk); i++)
        {
            var opened = now.AddHours(-20).AddSeconds(i * 0.5);
            var voter = new PilotVoter
            {
                ElectionId = electionId,
                Name = $"Voter {i}",
                Email = $"v{i}@bench.test",
                Group = i % 5 < 2 ? VoterGroup.Technical : VoterGroup.Average,
                AgeBand = (AgeBand)(i % 4),
                InvitedAt = opened.AddHours(-1),
                RegistrationStartedAt = opened.AddMinutes(-10),
                RegisteredAt = opened.AddMinutes(-5),
                BallotShown = true,
            };
            db.PilotVoters.Add(voter);
            if (i % 20 == 19)
            {
                continue; // one in twenty does not vote
            }

            db.VoterRoll.Add(new VoterRollEntry { ElectionId = electionId, PilotVoterId = voter.Id });
            db.BallotBox.Add(new BallotBoxEntry { ElectionId = electionId, LogIndex = i, TrackingCode = $"{i:x64}", ShortCode = $"B{i:D15}", BallotJson = "{}", CastAt = opened.AddMinutes(2) });
            if (i % 3 != 0)
            {
                db.Feedback.Add(new FeedbackResponse
                {
                    ElectionId = electionId,
                    PilotVoterId = voter.Id,
                    Overall = random.Next(3, 6),
                    RegistrationEase = random.Next(2, 6),
                    VotingEase = random.Next(2, 6),
                    VerificationClarity = random.Next(1, 6),
                    WouldTrust = random.Next(10) < 8,
                    WouldUseAgain = random.Next(10) < 8,
                    WhatWorked = Text(),
                    WhatConfused = Text(),
                    Suggestions = Text(),
                    TechnicalIssues = Text(),
                    SubmittedAt = opened.AddMinutes(5),
                    UpdatedAt = opened.AddMinutes(5),
                });
            }

            if (i % 100 == 0)
            {
                db.Anchors.Add(new AnchorRecord
                {
                    ElectionId = electionId,
                    Kind = AnchorKind.Anchor,
                    Status = AnchorStatus.Final,
                    TreeSize = i + 1,
                    Root = $"0x{i:x64}",
                    TransactionHash = $"0x{i + 1:x64}",
                    RawTransaction = "0x",
                    GasUsed = 30_000,
                    FeeWei = "900000000000000",
                    CastToConfirmSeconds = 2 + random.NextDouble() * 10,
                    CreatedAt = opened,
                });
            }

            if (i % 50 == 0)
            {
                db.Tickets.Add(new SupportTicket
                {
                    ElectionId = electionId,
                    Email = voter.Email,
                    Subject = "Help",
                    Body = Text(),
                    Severity = (TicketSeverity)random.Next(1, 5),
                    Status = TicketStatus.Resolved,
                    CreatedAt = opened,
                    ResolvedAt = opened.AddMinutes(random.Next(5, 180)),
                });
            }
        }

        await db.SaveChangesAsync();
    }
}
