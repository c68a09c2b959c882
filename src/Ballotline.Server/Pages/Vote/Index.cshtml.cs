using System.Text.Json;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Voting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Ballotline.Server.Pages.Vote;

/// <summary>
/// The ballot. Choices never leave the browser: the page's script encrypts them (wwwroot/js/vote.js with the
/// bundled ballot-crypto.js) and posts only the encrypted ballot — to cast it, or to challenge it with its nonces.
/// </summary>
public sealed class VoteModel(CastingService casting, ElectionService elections, Microsoft.Extensions.Options.IOptions<Mail.MailOptions> mail) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public Guid ElectionId { get; set; }

    [BindProperty]
    public string? BallotJson { get; set; }

    [BindProperty]
    public string? NoncesJson { get; set; }

    [BindProperty]
    public bool EmailReceipt { get; set; }

    /// <summary>How long a mailed receipt may wait for its slot (Mail:BallotMailSlotMinutes; 0: it leaves at once).</summary>
    public int ReceiptSlotMinutes => mail.Value.HoldsBallotMail ? mail.Value.BallotMailSlotMinutes : 0;

    public Election? Election { get; private set; }

    /// <summary>The encryption context for the page's script (public data).</summary>
    public string ContextJson { get; private set; } = "{}";

    /// <summary>The words vote.js shows, in the page's language ({0}… are filled in by the script).</summary>
    public static string ScriptText(IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["exactly"] = text["{0}: choose exactly {1}."],
            ["range"] = text["{0}: choose {1} to {2}."],
            ["noChoice"] = text["no choice"],
            ["encryptFailed"] = text["Your ballot could not be encrypted: {0}"],
            ["contextMismatch"] = text["This page's election key does not match the election's published manifest and trustees, so your device will not encrypt for it. Do not vote from this page: contact support."],
        });
    }

    public SpoiledBallotView? Challenged { get; private set; }

    /// <summary>The voter has already voted: the page says so and shows where to go next, not a dead end.</summary>
    public bool AlreadyVoted { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        try
        {
            (Election, _) = await casting.OpenBallotAsync(ElectionId, User.UserId());
        }
        catch (DomainException e) when (e.Code == "already-voted")
        {
            AlreadyVoted = true;
            return Page();
        }

        ContextJson = JsonSerializer.Serialize(casting.EncryptionContext(Election), JsonSerializerOptions.Web);
        return Page();
    });

    [EnableRateLimiting(RateLimiting.Casting)]
    public async Task<IActionResult> OnPostCastAsync() => await TryAsync(
        async () =>
        {
            var receipt = await casting.CastEncryptedAsync(ElectionId, User.UserId(), BallotJson ?? string.Empty, Request.BaseUrl(), EmailReceipt, HttpContext.RequestAborted);
            return Redirect($"/receipt/{receipt.TrackingCode}");
        },
        ShowBallotAsync);

    [EnableRateLimiting(RateLimiting.Casting)]
    public async Task<IActionResult> OnPostChallengeAsync() => await TryAsync(
        async () =>
        {
            Challenged = await casting.ChallengeAsync(ElectionId, User.UserId(), BallotJson ?? string.Empty, NoncesJson ?? string.Empty);
            return await ShowBallotAsync();
        },
        ShowBallotAsync);

    private async Task<IActionResult> ShowBallotAsync()
    {
        Election ??= await elections.GetAsync(ElectionId);
        if (Election.ContextHash is not null)
        {
            ContextJson = JsonSerializer.Serialize(casting.EncryptionContext(Election), JsonSerializerOptions.Web);
        }

        return Page();
    }
}
