using Ballotline.Server.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Admin;

public sealed class StaffModel(StaffService staff) : BallotlinePage
{
    public IReadOnlyList<StaffService.StaffView> Staff { get; private set; } = [];

    public async Task OnGetAsync() => Staff = await staff.ListAsync();

    public async Task<IActionResult> OnPostAsync(string name, string email, string role, string password) => await TryAsync(
        async () =>
        {
            await staff.AddAsync(new StaffService.StaffInput(email, name, password, role), HttpContext.RequestAborted);
            StatusMessage = $"Added {name} as {role}.";
            return Redirect("/admin/staff");
        },
        async () =>
        {
            Staff = await staff.ListAsync();
            return Page();
        });
}
