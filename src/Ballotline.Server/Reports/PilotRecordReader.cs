using System.Globalization;
using System.Numerics;
using Ballotline.Reporting;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Observability;
using Ballotline.Server.Operations;
using Ballotline.Server.PilotGroup;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Reports;

/// <summary>
/// Reads one election's <see cref="PilotRecord"/> in a single pass over the database — the one source of the
/// success table, the decision, the metrics report, the feedback analysis and the Phase 2 report. It reads the
/// ballot box's cast times but never a ballot's content, and feedback only with its author's group and age band.
/// </summary>
public sealed class PilotRecordReader(BallotlineDb db, ChainConnection chain, LatencyWindow latency, Microsoft.Extensions.Options.IOptions<HeartbeatOptions> heartbeat, TimeProvider clock)
{
    public async Task<PilotRecord> ReadAsync(Guid electionId, CancellationToken ct)
    {
        var election = await db.Elections.AsNoTracking().SingleOrDefaultAsync(e => e.Id == electionId, ct) ?? throw DomainException.NotFound("The election");
        var now = clock.GetUtcNow();
        var voters = await db.PilotVoters.AsNoTracking().Where(v => v.ElectionId == electionId)
            .Select(v => new { v.Group, v.AgeBand, v.InvitedAt, v.RegistrationStartedAt, v.RegisteredAt, v.BallotShown }).ToListAsync(ct);

        // The ballot box holds online ballots only (a backup-channel vote is a roll entry without a box row), each
        // written in the same transaction as its voter's roll entry: its cast times count the pilot's online votes.
        var castTimes = await db.BallotBox.AsNoTracking().Where(b => b.ElectionId == electionId).OrderBy(b => b.LogIndex).Select(b => b.CastAt).ToListAsync(ct);
        var verified = await db.VerificationAttempts.CountAsync(v => v.ElectionId == electionId && v.Verified, ct);
        var anchors = await db.Anchors.AsNoTracking().Where(a => a.ElectionId == electionId && a.Kind != AnchorKind.Open)
            .OrderBy(a => a.TreeSize).ThenBy(a => a.Id).ToListAsync(ct);
        var feedback = await (from f in db.Feedback.AsNoTracking()
                              join v in db.PilotVoters.AsNoTracking() on f.PilotVoterId equals v.Id
                              where f.ElectionId == electionId
                              orderby f.Id
                              select new { v.Group, v.AgeBand, f }).ToListAsync(ct);
        // Who answered among those who cast: a count only, never which ballot (the roll holds no ballot and no time).
        var feedbackFromVoters = await db.Feedback.CountAsync(f => f.ElectionId == electionId
            && db.VoterRoll.Any(r => r.ElectionId == electionId && r.PilotVoterId == f.PilotVoterId && r.Channel == Voting.VotingChannel.Online), ct);
        var interviews = await db.Interviews.AsNoTracking().Where(i => i.ElectionId == electionId).OrderBy(i => i.Id).Select(i => i.Notes).ToListAsync(ct);
        var issues = await db.PilotIssues.AsNoTracking().Where(i => i.ElectionId == electionId).OrderBy(i => i.Severity).ThenBy(i => i.Id).ToListAsync(ct);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.ElectionId == electionId).Select(t => new { t.Severity, t.CreatedAt, t.ResolvedAt }).ToListAsync(ct);
        var lessons = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.ElectionId == electionId, ct);
        // Uptime covers the time voting was really open: from its opening (by hand or by the scheduler) to its close
        // or now; the schedule alone would count minutes before the server opened voting as downtime.
        var transitions = await db.AuditLog.AsNoTracking().Where(a => a.ElectionId == electionId && a.Action == "state-changed")
            .Select(a => new { a.ToState, a.At }).ToListAsync(ct);
        var opened = transitions.Where(t => t.ToState == nameof(Elections.ElectionState.VotingOpen)).Select(t => (DateTimeOffset?)t.At).Min();
        var closed = transitions.Where(t => t.ToState == nameof(Elections.ElectionState.Closed)).Select(t => (DateTimeOffset?)t.At).Min();
        var windowStart = opened ?? election.VotingOpensAt;
        var windowEnd = closed ?? (election.VotingClosesAt < now ? election.VotingClosesAt : now);
        // The slot now running may not have its heartbeat yet (it is written at the slot's first pass): judge
        // complete slots only, once there is one, whether the window ends now or ended (closed) moments ago.
        var slot = heartbeat.Value.Seconds;
        var currentSlot = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / slot * slot);
        if (windowEnd > currentSlot && currentSlot > windowStart)
        {
            windowEnd = currentSlot;
        }

        var (uptime, noUptime) = await HeartbeatWriter.UptimeAsync(db, windowStart, windowEnd, ct);
        var (p50, p95) = latency.Quantiles();

        return new PilotRecord
        {
            Title = election.Title,
            Slug = election.Slug,
            GeneratedAt = now,
            VotingOpensAt = election.VotingOpensAt,
            VotingClosesAt = election.VotingClosesAt,
            ChainName = chain.Options.Enabled ? chain.Options.DisplayName : "no chain (recording switched off)",
            RecordingMode = election.RecordingMode.ToString(),
            Trustees = election.TrusteeCount,
            Quorum = election.Quorum,
            Voters = [.. voters.Select(v => new VoterSteps(PilotVoterParser.Label(v.Group), PilotVoterParser.Label(v.AgeBand), v.InvitedAt, v.RegistrationStartedAt, v.RegisteredAt, v.BallotShown))],
            RegistrationSeconds = election.RegistrationSecondsTotal,
            RegistrationsTimed = election.RegistrationsTimed,
            CastTimes = castTimes,
            SuccessfulVerifications = verified,
            FeedbackFromOnlineVoters = feedbackFromVoters,
            InterviewsInvited = interviews.Count,
            InterviewNotes = [.. interviews.Where(n => !string.IsNullOrWhiteSpace(n))],
            Anchors = Facts(anchors, election.RecordingMode.ToString()),
            FailedChainPasses = election.ChainPassesFailed,
            Feedback = [.. feedback.Select(r => Answer(r.Group, r.AgeBand, r.f))],
            Issues = [.. issues.Select(i => new IssueFact(i.Title, (int)i.Severity, i.Severity.ToString(), i.Status.ToString(), i.Resolution, i.Status != IssueStatus.Fixed, i.Priority.Name()))],
            Tickets = [.. tickets.Select(t => new TicketFact(t.Severity is null ? null : (int)t.Severity, t.Severity?.ToString(), t.CreatedAt, t.ResolvedAt))],
            Uptime = uptime is { } up ? Measure.Of(up) : Measure.Unavailable(noUptime ?? "no health history was recorded"),
            ResponseP50Milliseconds = p50,
            ResponseP95Milliseconds = p95,
            LessonsMarkdown = lessons is null || lessons.IsEmpty ? null : lessons.ToMarkdown(election.Title),
        };
    }

    /// <summary>A feedback row as the reports read it: the voter's group and age band, never who they are.</summary>
    internal static FeedbackAnswer Answer(VoterGroup group, AgeBand ageBand, Feedback.FeedbackResponse f) => new(
        PilotVoterParser.Label(group), PilotVoterParser.Label(ageBand), f.Overall, f.RegistrationEase, f.VotingEase, f.VerificationClarity,
        f.WouldTrust, f.WouldUseAgain, f.WhatWorked, f.WhatConfused, f.Suggestions, f.TechnicalIssues);

    /// <summary>Each anchor covers the ballots added since the last final one before it.</summary>
    internal static List<AnchorFact> Facts(List<AnchorRecord> anchors, string mode)
    {
        var facts = new List<AnchorFact>(anchors.Count);
        var anchoredUpTo = 0L;
        foreach (var a in anchors)
        {
            var outcome = a.Status switch
            {
                AnchorStatus.Final => AnchorOutcome.Final,
                AnchorStatus.Failed or AnchorStatus.Lost => AnchorOutcome.Failed, // lost by the chain after it was recorded: it did not last
                _ => AnchorOutcome.Pending,
            };
            var fee = BigInteger.TryParse(a.FeeWei, NumberStyles.None, CultureInfo.InvariantCulture, out var wei) ? wei : BigInteger.Zero;
            facts.Add(new AnchorFact(mode, outcome, Math.Max(0, a.TreeSize - anchoredUpTo), a.GasUsed, fee, a.CastToConfirmSeconds, a.FailureReason, Math.Max(0, a.Attempts - 1)));
            if (outcome == AnchorOutcome.Final)
            {
                anchoredUpTo = Math.Max(anchoredUpTo, a.TreeSize);
            }
        }

        return facts;
    }
}
