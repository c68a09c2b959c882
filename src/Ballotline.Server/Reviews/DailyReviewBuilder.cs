using Ballotline.Reporting;
using Ballotline.Server.Data;
using Ballotline.Server.Observability.Alerts;
using Ballotline.Server.Reports;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Reviews;

/// <summary>Gathers one election's day for <see cref="DailyReview"/>: the pilot record, the day's feedback and the alerts firing.</summary>
public sealed class DailyReviewBuilder(BallotlineDb db, PilotRecordReader records, AlertEvaluator alerts)
{
    public async Task<string> MarkdownAsync(Guid electionId, DateOnly day, CancellationToken ct)
    {
        var record = await records.ReadAsync(electionId, ct);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var answers = await (from f in db.Feedback.AsNoTracking()
                             join v in db.PilotVoters.AsNoTracking() on f.PilotVoterId equals v.Id
                             where f.ElectionId == electionId && f.SubmittedAt == start
                             select new { v.Group, v.AgeBand, f }).ToListAsync(ct);
        var firing = alerts.States.Where(s => s.Firing)
            .Select(s => $"{s.Rule.Severity} — {s.Rule.Summary} (since {s.Since:yyyy-MM-dd HH:mm} UTC); first thing to do: {s.Rule.FirstAction}").ToList();
        return DailyReview.ToMarkdown(record, day, [.. answers.Select(r => PilotRecordReader.Answer(r.Group, r.AgeBand, r.f))], firing);
    }
}
