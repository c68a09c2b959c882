using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Pages.Admin;

public sealed class AdminElectionModel(ElectionService elections, BallotlineDb db, Anchoring.LedgerStatusService ledger, Anchoring.ChainHealth chainHealth, Anchoring.ChainConnection chain, Mail.PilotNotices notices, ContingencyService contingency) : BallotlinePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Election? Election { get; private set; }

    public IReadOnlyList<ElectionState> NextStates { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    public int GroupSize { get; private set; }

    public IReadOnlyList<Anchoring.AnchorRecord> Anchors { get; private set; } = [];

    public Anchoring.ChainHealth ChainHealth => chainHealth;

    public string ChainName => chain.Options.Enabled ? chain.Options.DisplayName : "no chain (Chain:Mode is None)";

    public string? ExplorerLink(string hash) => chain.ExplorerLink(hash);

    public int Registered { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () =>
    {
        await LoadAsync();
        return Page();
    });

    public async Task<IActionResult> OnPostTransitionAsync(ElectionState to, string? reason, string? keyPassphrase, string? keyPassphraseAgain, bool confirmClose) => await TryAsync(
        async () =>
        {
            if (to == ElectionState.Closed && !confirmClose)
            {
                throw new DomainException("close-not-confirmed", "Closing voting is final. Tick \"I understand that closing voting is final\" and press the button again; nothing has changed yet.");
            }

            if (to == ElectionState.RegistrationOpen && !string.IsNullOrEmpty(keyPassphrase) && keyPassphrase != keyPassphraseAgain)
            {
                throw new DomainException("key-passphrase-mismatch", "The two key passphrases differ: type the same passphrase twice.");
            }

            await elections.TransitionAsync(Id, to, User.Actor(), reason, keyPassphrase);
            StatusMessage = $"The election is now: {ElectionStateMachine.Describe((await elections.GetAsync(Id)).State)}.";
            return Redirect($"/admin/elections/{Id}");
        },
        async () =>
        {
            await LoadAsync();
            return Page();
        });

    public async Task<IActionResult> OnPostRollbackAsync(string instructions) => await TryAsync(
        async () =>
        {
            await contingency.RollbackAsync(Id, instructions, User.Actor(), HttpContext.RequestAborted);
            StatusMessage = "Rolled back: online voting is stopped, voters are told how to vote by the backup channel, and an incident is logged.";
            return Redirect($"/admin/elections/{Id}");
        },
        async () =>
        {
            await LoadAsync();
            return Page();
        });

    public async Task<IActionResult> OnPostBackupVoteAsync(string email) => await TryAsync(
        async () =>
        {
            await contingency.RecordBackupVoteAsync(Id, email, User.Actor(), HttpContext.RequestAborted);
            StatusMessage = $"Recorded: {email} voted by the backup channel.";
            return Redirect($"/admin/elections/{Id}");
        },
        async () =>
        {
            await LoadAsync();
            return Page();
        });

    public async Task<IActionResult> OnPostCopyAsync(string slug) => await TryAsync(
        async () =>
        {
            var copy = await contingency.CopyAsync(Id, slug, User.Actor(), HttpContext.RequestAborted);
            StatusMessage = "A new draft with the same setup and pilot group was created.";
            return Redirect($"/admin/elections/{copy.Id}");
        },
        async () =>
        {
            await LoadAsync();
            return Page();
        });

    public async Task<IActionResult> OnPostRemindAsync(Mail.PilotNotices.Reminder kind) => await TryAsync(
        async () =>
        {
            var queued = await notices.RemindAsync(await elections.GetAsync(Id), kind, HttpContext.RequestAborted);
            StatusMessage = $"{queued} reminder(s) queued (each voter gets at most one of each kind a day).";
            return Redirect($"/admin/elections/{Id}");
        },
        async () =>
        {
            await LoadAsync();
            return Page();
        });

    public string ActionLabel(ElectionState from, ElectionState to) => (from, to) switch
    {
        (_, ElectionState.RegistrationOpen) => "Open registration (fixes the ballot and creates the election key)",
        (ElectionState.Paused, ElectionState.VotingOpen) => "Resume voting",
        (_, ElectionState.VotingOpen) => "Open voting now",
        (_, ElectionState.Paused) => "Pause voting",
        (_, ElectionState.Closed) => "Close voting and tally",
        (_, ElectionState.Tallied) => "Count the votes (tally)",
        (_, ElectionState.Draft) => "Back to draft",
    };

    private async Task LoadAsync()
    {
        Election = await elections.GetAsync(Id);
        // k-of-n elections are tallied by the trustees' decryptions; one trustee's by the organiser's passphrase.
        NextStates = [.. ElectionStateMachine.NextStates(Election.State).Where(s => s != ElectionState.Tallied || Election.TrusteeCount == 1)];
        Audit = await elections.AuditAsync(Id);
        Anchors = await ledger.AnchorsAsync(Id, HttpContext.RequestAborted);
        GroupSize = await db.PilotVoters.CountAsync(v => v.ElectionId == Id);
        Registered = await db.PilotVoters.CountAsync(v => v.ElectionId == Id && v.RegisteredAt != null);
    }
}
