using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Voting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Ballotline.Server.Pages.Vote;

public sealed class VoteModel(CastingService casting, ElectionService elections) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public Guid ElectionId { get; set; }

    public Election? Election { get; private set; }

    public bool Reviewing { get; private set; }

    public IReadOnlyList<string> Chosen(string contestId) => Request.HasFormContentType ? [.. Request.Form[$"choice_{contestId}"].Select(v => v ?? string.Empty)] : [];

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        (Election, _) = await casting.OpenBallotAsync(ElectionId, User.UserId());
        return Page();
    });

    public async Task<IActionResult> OnPostReviewAsync() => await TryAsync(async () =>
    {
        Election = await elections.GetAsync(ElectionId);
        Reviewing = true;
        return Page();
    });

    public async Task<IActionResult> OnPostChangeAsync() => await TryAsync(async () =>
    {
        Election = await elections.GetAsync(ElectionId);
        return Page();
    });

    [EnableRateLimiting(RateLimiting.Casting)]
    public async Task<IActionResult> OnPostCastAsync() => await TryAsync(
        async () =>
        {
            Election = await elections.GetAsync(ElectionId);
            var selections = Election.Contests.ToDictionary(c => c.Id, c => Chosen(c.Id));
            var receipt = await casting.CastAsync(ElectionId, User.UserId(), new CastRequest(selections), Request.BaseUrl());
            return Redirect($"/receipt/{receipt.TrackingCode}");
        },
        async () =>
        {
            Election ??= await elections.GetAsync(ElectionId);
            return Page();
        });
}
