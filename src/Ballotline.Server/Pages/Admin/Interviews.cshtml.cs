using Ballotline.Server.Feedback;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Admin;

/// <summary>The plan's user interviews: choose and invite participants who agreed, and record the notes.</summary>
public sealed class InterviewsModel(InterviewService interviews) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public IReadOnlyList<InterviewService.InterviewView> Interviews { get; private set; } = [];

    public async Task OnGetAsync() => Interviews = await interviews.ListAsync(Id, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostChooseAsync(int count) => await TryAsync(
        async () =>
        {
            var chosen = await interviews.ChooseAndInviteAsync(Id, count, HttpContext.RequestAborted);
            StatusMessage = $"{chosen.Count} participant(s) chosen and invited by mail.";
            return Redirect($"/admin/elections/{Id}/interviews");
        },
        async () =>
        {
            await OnGetAsync();
            return Page();
        });

    public async Task<IActionResult> OnPostNotesAsync(long interviewId, string? notes) => await TryAsync(
        async () =>
        {
            await interviews.RecordNotesAsync(Id, interviewId, notes, HttpContext.RequestAborted);
            StatusMessage = "Notes saved.";
            return Redirect($"/admin/elections/{Id}/interviews");
        },
        async () =>
        {
            await OnGetAsync();
            return Page();
        });
}
