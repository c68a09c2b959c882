using System.Security.Claims;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Feedback;
using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Pages;

public sealed class FeedbackModel(FeedbackService feedback, BallotlineDb db) : BallotlinePage
{
    public static readonly (string Name, string Question)[] Ratings =
    [
        ("overall", "Overall experience"), ("registrationEase", "Ease of registration"), ("votingEase", "Ease of voting"),
        ("verificationClarity", "How clear was checking your vote on the blockchain?"),
    ];

    public static readonly (string Name, string Question)[] YesNo =
        [("wouldTrust", "Would you trust this for real elections?"), ("wouldUseAgain", "Would you use it again?")];

    public static readonly (string Name, string Question)[] Texts =
    [
        ("whatWorked", "What worked well?"), ("whatConfused", "What was confusing?"), ("suggestions", "Suggestions for improvement"),
        ("technicalIssues", "Technical issues you ran into"),
    ];

    [BindProperty(SupportsGet = true)]
    public Guid? ElectionId { get; set; }

    public bool SignedIn => User.FindFirstValue(ClaimTypes.NameIdentifier) is not null;

    public IReadOnlyList<Election> Elections { get; private set; } = [];

    public string? ElectionTitle { get; private set; }

    public bool Existing { get; private set; }

    private FeedbackResponse? _response;
    private FeedbackInput? _posted;

    public int? Value(string name) => name switch
    {
        "overall" => _posted?.Overall ?? _response?.Overall,
        "registrationEase" => _posted?.RegistrationEase ?? _response?.RegistrationEase,
        "votingEase" => _posted?.VotingEase ?? _response?.VotingEase,
        "verificationClarity" => _posted?.VerificationClarity ?? _response?.VerificationClarity,
        _ => null,
    };

    public bool InterviewConsent => _posted?.InterviewConsent ?? _response?.InterviewConsent ?? false;

    public bool? Flag(string name) => name == "wouldTrust" ? _posted?.WouldTrust ?? _response?.WouldTrust : _posted?.WouldUseAgain ?? _response?.WouldUseAgain;

    public string? Text(string name) => name switch
    {
        "whatWorked" => _posted?.WhatWorked ?? _response?.WhatWorked,
        "whatConfused" => _posted?.WhatConfused ?? _response?.WhatConfused,
        "suggestions" => _posted?.Suggestions ?? _response?.Suggestions,
        _ => _posted?.TechnicalIssues ?? _response?.TechnicalIssues,
    };

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        var chosen = ElectionId;
        await LoadAsync();

        // One election: go straight to its form, so that the form posts back with the election in its address.
        return chosen is null && ElectionId is { } only ? Redirect($"/feedback/{only}") : Page();
    });

    public async Task<IActionResult> OnPostAsync(int overall, int registrationEase, int votingEase, int verificationClarity, bool? wouldTrust, bool? wouldUseAgain,
        string? whatWorked, string? whatConfused, string? suggestions, string? technicalIssues, bool interviewConsent = false)
    {
        _posted = new FeedbackInput(overall, registrationEase, votingEase, verificationClarity, wouldTrust, wouldUseAgain, whatWorked, whatConfused, suggestions, technicalIssues, interviewConsent);
        return await TryAsync(
            async () =>
            {
                await feedback.SubmitAsync(ElectionId ?? Guid.Empty, User.UserId(), _posted, HttpContext.RequestAborted);
                StatusMessage = Words["Thank you — your feedback is saved. You can change it until the feedback deadline."];
                return Redirect($"/feedback/{ElectionId}");
            },
            async () =>
            {
                await LoadAsync();
                return Page();
            });
    }

    private async Task LoadAsync()
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }

        var mine = await db.PilotVoters.AsNoTracking().Where(v => v.UserId == userId && v.RegisteredAt != null).Select(v => v.ElectionId).ToListAsync();
        Elections = await db.Elections.AsNoTracking().Where(e => mine.Contains(e.Id)).ToListAsync();
        if (ElectionId is null && Elections.Count == 1)
        {
            ElectionId = Elections[0].Id;
        }

        if (ElectionId is { } id && Elections.FirstOrDefault(e => e.Id == id) is { } election)
        {
            ElectionTitle = election.Title;
            _response = await feedback.FindAsync(id, userId, HttpContext.RequestAborted);
            Existing = _response is not null;
            ViewData["IsTest"] = election.IsTest;
        }
    }
}
