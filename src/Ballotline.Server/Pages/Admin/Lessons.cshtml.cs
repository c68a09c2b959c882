using Ballotline.Server.Infrastructure;
using Ballotline.Server.Operations;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Admin;

public sealed class LessonsModel(OperationsService operations) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public LessonsLearned Lessons { get; private set; } = new();

    public IEnumerable<(string Name, string Label, string Value)> Sections =>
    [
        ("wentWell", "What went well", Lessons.WentWell), ("didNotGoWell", "What didn't go well", Lessons.DidNotGoWell),
        ("surprises", "Surprises", Lessons.Surprises), ("doDifferently", "What we'd do differently", Lessons.DoDifferently),
        ("keyTakeaways", "Key takeaways", Lessons.KeyTakeaways),
    ];

    public async Task OnGetAsync() => Lessons = await operations.LessonsAsync(Id, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(string? wentWell, string? didNotGoWell, string? surprises, string? doDifferently, string? keyTakeaways) => await TryAsync(async () =>
    {
        await operations.SaveLessonsAsync(Id, new OperationsService.LessonsInput(wentWell, didNotGoWell, surprises, doDifferently, keyTakeaways), User.Actor(), HttpContext.RequestAborted);
        StatusMessage = "Saved.";
        return Redirect($"/admin/elections/{Id}/lessons");
    });
}
