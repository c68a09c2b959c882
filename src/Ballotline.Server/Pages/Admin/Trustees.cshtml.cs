using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Trustees;
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

    public async Task<IActionResult> OnGetAsync() => await TryAsync(LoadAsync);

    public async Task<IActionResult> OnPostAsync(int quorum, string? names) => await TryAsync(
        async () =>
        {
            var list = (names ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Appointed = await ceremony.AppointAsync(Id, quorum, list, User.Actor(), HttpContext.RequestAborted);
            StatusMessage = Appointed.Count == 0 ? "One trustee: the server holds the election key." : $"{Appointed.Count} trustees appointed; {quorum} are needed to decrypt.";
            return await LoadAsync();
        },
        LoadAsync);

    private async Task<IActionResult> LoadAsync()
    {
        Election = await elections.GetAsync(Id, HttpContext.RequestAborted);
        Progress = await ceremony.ProgressAsync(Id, HttpContext.RequestAborted);
        return Page();
    }
}
