using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Admin;

public sealed class EditElectionModel(ElectionService elections) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public EditElectionForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        if (Id is { } id)
        {
            Form = EditElectionForm.From(await elections.GetAsync(id));
        }

        return Page();
    });

    public async Task<IActionResult> OnPostAsync() => await TryAsync(async () =>
    {
        // A checkbox posts "true" (beside its hidden "false"); a crafted request posting anything else would make the
        // checkbox tag helper throw while showing the form again, so such a value is shown as unchecked.
        foreach (var checkbox in new[] { $"{nameof(Form)}.{nameof(Form.IsTest)}", $"{nameof(Form)}.{nameof(Form.EmailWhenFinal)}" })
        {
            if (ModelState.TryGetValue(checkbox, out var entry) && entry.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            {
                ModelState.SetModelValue(checkbox, false, "false");
            }
        }

        var election = Id is { } id
            ? await elections.UpdateDraftAsync(id, Form.ToInput(), User.Actor())
            : await elections.CreateAsync(Form.ToInput(), User.Actor());
        StatusMessage = "Saved.";
        return Redirect($"/admin/elections/{election.Id}");
    });
}
