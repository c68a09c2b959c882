using Ballotline.Server.Operations;
using Ballotline.Server.Support;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Support;

public sealed class IssuesModel(OperationsService operations) : BallotlinePage
{
    public IReadOnlyList<PilotIssue> Issues { get; private set; } = [];

    public async Task OnGetAsync() => Issues = await operations.IssuesAsync(null, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(long? id, string title, string? description, TicketSeverity severity, IssueStatus status, string? resolution, string? source, IssuePriority? priority) => await TryAsync(
        async () =>
        {
            var issue = await operations.SaveIssueAsync(id, new OperationsService.IssueInput(null, title, description, severity, status, resolution, source, priority), HttpContext.RequestAborted);
            StatusMessage = $"Issue #{issue.Id} saved.";
            return Redirect("/support/issues");
        },
        async () =>
        {
            Issues = await operations.IssuesAsync(null, HttpContext.RequestAborted);
            return Page();
        });
}
