using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Operations;

/// <summary>The issues log and the lessons learned.</summary>
public sealed class OperationsService(BallotlineDb db, TimeProvider clock)
{
    /// <summary>An issue as staff log it; a null Priority takes the bucket from the severity (IssuePriorities.For).</summary>
    public sealed record IssueInput(Guid? ElectionId, string Title, string? Description, Support.TicketSeverity Severity, IssueStatus Status, string? Resolution, string? Source, IssuePriority? Priority = null);

    public sealed record LessonsInput(string? WentWell, string? DidNotGoWell, string? Surprises, string? DoDifferently, string? KeyTakeaways);

    public async Task<PilotIssue> SaveIssueAsync(long? id, IssueInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 200)
        {
            errors.Add("Title: required, at most 200 characters.");
        }

        if (!Enum.IsDefined(input.Severity))
        {
            errors.Add("Severity: 1 (critical) to 4 (low).");
        }

        if (!Enum.IsDefined(input.Status))
        {
            errors.Add("Status: Open, Workaround or Fixed.");
        }

        if (input.Priority is { } priority && !Enum.IsDefined(priority))
        {
            errors.Add("Priority: MustFix, ShouldFix or NiceToHave.");
        }

        if (input.Status != IssueStatus.Open && string.IsNullOrWhiteSpace(input.Resolution))
        {
            errors.Add("Say what the workaround or fix is.");
        }

        if ((input.Description?.Length ?? 0) > 8000 || (input.Resolution?.Length ?? 0) > 8000)
        {
            errors.Add("Description and resolution: at most 8,000 characters each.");
        }

        if (errors.Count > 0)
        {
            throw new DomainException("invalid-issue", "The issue was not saved: " + string.Join(" ", errors), StatusCodes.Status400BadRequest, errors);
        }

        var now = clock.GetUtcNow();
        var issue = id is { } existing
            ? await db.PilotIssues.FirstOrDefaultAsync(i => i.Id == existing, ct) ?? throw DomainException.NotFound("The issue")
            : db.PilotIssues.Add(new PilotIssue { Title = input.Title, CreatedAt = now }).Entity;
        issue.ElectionId = input.ElectionId;
        issue.Title = input.Title.Trim();
        issue.Description = input.Description?.Trim() ?? string.Empty;
        issue.Severity = input.Severity;
        issue.Status = input.Status;
        issue.Priority = input.Priority ?? IssuePriorities.For(input.Severity);
        issue.Resolution = input.Resolution?.Trim() ?? string.Empty;
        issue.Source = string.IsNullOrWhiteSpace(input.Source) ? issue.Source : input.Source.Trim()[..Math.Min(input.Source.Trim().Length, 100)];
        issue.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return issue;
    }

    public async Task<IReadOnlyList<PilotIssue>> IssuesAsync(Guid? electionId, CancellationToken ct) =>
        await db.PilotIssues.AsNoTracking().Where(i => electionId == null || i.ElectionId == electionId).OrderBy(i => i.Priority).ThenBy(i => i.Status).ThenBy(i => i.Severity).ThenBy(i => i.Id).ToListAsync(ct);

    public async Task<LessonsLearned> LessonsAsync(Guid electionId, CancellationToken ct) =>
        await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.ElectionId == electionId, ct) ?? new LessonsLearned { ElectionId = electionId };

    public async Task<LessonsLearned> SaveLessonsAsync(Guid electionId, LessonsInput input, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await db.Elections.AnyAsync(e => e.Id == electionId, ct))
        {
            throw DomainException.NotFound("The election");
        }

        string Clean(string? text) => text is { Length: > 20_000 }
            ? throw new DomainException("invalid-lessons", "Each section holds at most 20,000 characters.")
            : text?.Trim() ?? string.Empty;
        var lessons = await db.Lessons.FirstOrDefaultAsync(l => l.ElectionId == electionId, ct) ?? db.Lessons.Add(new LessonsLearned { ElectionId = electionId }).Entity;
        lessons.WentWell = Clean(input.WentWell);
        lessons.DidNotGoWell = Clean(input.DidNotGoWell);
        lessons.Surprises = Clean(input.Surprises);
        lessons.DoDifferently = Clean(input.DoDifferently);
        lessons.KeyTakeaways = Clean(input.KeyTakeaways);
        lessons.UpdatedAt = clock.GetUtcNow();
        lessons.UpdatedBy = actor;
        await db.SaveChangesAsync(ct);
        return lessons;
    }
}
