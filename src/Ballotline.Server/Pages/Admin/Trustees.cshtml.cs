using Ballotline.Server.Ceremony;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Ballotline.Server.Pages.Admin;

/// <summary>Appoint the election's k-of-n trustees and follow the key ceremony and the tally decryption.</summary>
public sealed class TrusteesModel(TrusteeCeremony ceremony, ElectionService elections) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Election? Election { get; private set; }

    public IReadOnlyList<TrusteeProgress> Progress { get; private set; } = [];

    /// <summary>The tokens of trustees just appointed: shown once, never stored in the clear.</summary>
    public IReadOnlyList<AppointedTrustee> Appointed { get; private set; } = [];

    /// <summary>Carries the new tokens across the redirect in the encrypted temp-data cookie, read once.</summary>
    [TempData]
    public string? AppointedJson { get; set; }

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        if (AppointedJson is { } json)
        {
            Appointed = System.Text.Json.JsonSerializer.Deserialize<List<AppointedTrustee>>(json) ?? [];
        }

        return await LoadAsync();
    });

    public async Task<IActionResult> OnPostAsync(int quorum, string? names) => await TryAsync(
        async () =>
        {
            var list = (names ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var appointed = await ceremony.AppointAsync(Id, quorum, list, User.Actor(), HttpContext.RequestAborted);
            StatusMessage = appointed.Count == 0 ? "One trustee: the server holds the election key." : $"{appointed.Count} trustees appointed; {quorum} are needed to decrypt.";
            AppointedJson = appointed.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(appointed);

            // Redirect, so that reloading the page can never appoint again and restart the ceremony.
            return Redirect($"/admin/elections/{Id}/trustees");
        },
        LoadAsync);

    private async Task<IActionResult> LoadAsync()
    {
        Election = await elections.GetAsync(Id, HttpContext.RequestAborted);
        Progress = await ceremony.ProgressAsync(Id, HttpContext.RequestAborted);
        return Page();
    }
}
