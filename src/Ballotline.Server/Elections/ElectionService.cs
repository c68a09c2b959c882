using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.Results;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Elections;

/// <summary>The election's domain operations: create, edit while draft, and move through its states.</summary>
public sealed partial class ElectionService(BallotlineDb db, ElectionCrypto crypto, TallyService tally, Mail.PilotNotices notices, Operations.OperationsService operations, TimeProvider clock, ILogger<ElectionService> logger)
{
    /// <summary>The longest reason for a state change (a pause reason is shown to voters).</summary>
    public const int MaxReason = 500;

    public async Task<Election> CreateAsync(ElectionInput input, string actor, CancellationToken ct = default)
    {
        ElectionInputValidator.Validate(input);
        if (await db.Elections.AnyAsync(e => e.Slug == input.Slug, ct))
        {
            throw DomainException.Conflict("slug-taken", $"An election with the short name '{input.Slug}' already exists.");
        }

        var election = new Election { Slug = input.Slug, Title = input.Title };
        Apply(election, input);
        db.Elections.Add(election);
        db.AuditLog.Add(new AuditEntry { ElectionId = election.Id, Actor = actor, Action = "created", ToState = election.State.ToString() });
        await db.SaveChangesAsync(ct);
        LogCreated(logger, election.Slug, actor);
        return election;
    }

    public async Task<Election> UpdateDraftAsync(Guid id, ElectionInput input, string actor, CancellationToken ct = default)
    {
        ElectionInputValidator.Validate(input);
        var election = await GetAsync(id, ct);
        if (election.State != ElectionState.Draft)
        {
            throw DomainException.Conflict("not-draft", "Only a draft election can be edited: its ballot is fixed once registration opens.");
        }

        if (await db.Trustees.AnyAsync(t => t.ElectionId == id && t.CommitmentJson != null, ct))
        {
            throw DomainException.Conflict("ceremony-started", "The trustees' key ceremony has started and is bound to this ballot: appoint the trustees again before changing the election.");
        }

        if (!string.Equals(election.Slug, input.Slug, StringComparison.Ordinal) && await db.Elections.AnyAsync(e => e.Slug == input.Slug, ct))
        {
            throw DomainException.Conflict("slug-taken", $"An election with the short name '{input.Slug}' already exists.");
        }

        election.Slug = input.Slug;
        Apply(election, input);
        db.AuditLog.Add(new AuditEntry { ElectionId = election.Id, Actor = actor, Action = "edited" });
        await SaveAsync(election, ct);
        return election;
    }

    public async Task<Election> GetAsync(Guid id, CancellationToken ct = default) =>
        await db.Elections.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw DomainException.NotFound("The election");

    public async Task<Election> GetBySlugAsync(string slug, CancellationToken ct = default) =>
        await db.Elections.FirstOrDefaultAsync(e => e.Slug == slug, ct) ?? throw DomainException.NotFound($"Election '{slug}'");

    /// <summary>
    /// "Open now" means now: opening by hand before the scheduled time moves the scheduled opening to this moment
    /// (voters are otherwise refused until the old time), audited with the time it replaces. Returns the opening.
    /// </summary>
    private DateTimeOffset OpeningNow(Election election, string actor, string what, DateTimeOffset scheduled)
    {
        var now = clock.GetUtcNow();
        if (scheduled <= now)
        {
            return scheduled;
        }

        db.AuditLog.Add(new AuditEntry
        {
            ElectionId = election.Id,
            Actor = actor,
            Action = "schedule-moved",
            Reason = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what} opened by hand at {now:yyyy-MM-dd HH:mm:ss} UTC, before its scheduled opening at {scheduled:yyyy-MM-dd HH:mm:ss} UTC"),
            At = now,
        });
        return now;
    }

    /// <summary>
    /// Moves the election to <paramref name="to"/>: refuses moves the state machine does not allow, creates the
    /// keys when registration opens, and tallies straight after closing when the key passphrase is given. Every
    /// move is audited with its reason.
    /// </summary>
    /// <param name="id">The election.</param>
    /// <param name="to">The state to move to.</param>
    /// <param name="actor">Who moves it (audited).</param>
    /// <param name="reason">Why (required to pause; audited).</param>
    /// <param name="keyPassphrase">
    /// With one trustee: the passphrase that seals the election key (opening registration) or opens it (tallying,
    /// or closing and tallying at once). Never stored or logged.
    /// </param>
    /// <param name="ct">Cancels the move.</param>
    public async Task<Election> TransitionAsync(Guid id, ElectionState to, string actor, string? reason, string? keyPassphrase = null, CancellationToken ct = default)
    {
        var election = await GetAsync(id, ct);
        var from = election.State;
        if (!ElectionStateMachine.CanMove(from, to))
        {
            var allowed = ElectionStateMachine.NextStates(from);
            throw DomainException.Conflict("invalid-transition",
                $"An election that is '{ElectionStateMachine.Describe(from)}' cannot move to '{ElectionStateMachine.Describe(to)}'"
                + (allowed.Count == 0 ? "; it is final." : $"; it can move to: {string.Join(", ", allowed.Select(ElectionStateMachine.Describe))}."));
        }

        if (to == ElectionState.Paused && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("reason-required", "Give a reason for pausing: voters are shown it.");
        }

        if (reason?.Trim().Length > MaxReason)
        {
            throw new DomainException("reason-too-long", $"The reason must be at most {MaxReason} characters.");
        }

        switch (to)
        {
            case ElectionState.RegistrationOpen when election.TrusteeCount > 1:
                crypto.UseCeremony(election, await Ceremony.TrusteeCeremony.CompletedCommitmentsAsync(db, election, ct));
                break;
            case ElectionState.RegistrationOpen:
                crypto.CreateKeys(election, keyPassphrase);
                break;
            case ElectionState.Paused:
                election.PauseReason = reason!.Trim();
                break;
            case ElectionState.VotingOpen:
                election.PauseReason = null;
                election.VotingOpensAt = OpeningNow(election, actor, "voting", election.VotingOpensAt);
                break;
            case ElectionState.Closed when election.TrusteeCount == 1 && !string.IsNullOrEmpty(keyPassphrase):
                // "Close and tally": the passphrase is tried before closing, so a mistyped one changes nothing.
                await OpenKeyOrAuditRefusalAsync(election, actor, keyPassphrase, ct);
                break;
            case ElectionState.Tallied:
                // One key derivation: the key opened here (audited when refused) is the one that decrypts.
                await tally.TallyAsync(election, election.TrusteeCount == 1 ? await OpenKeyOrAuditRefusalAsync(election, actor, keyPassphrase, ct) : null, ct);
                break;
            case ElectionState.Draft:
            case ElectionState.Closed:
                break;
        }

        if (to == ElectionState.RegistrationOpen)
        {
            election.RegistrationOpensAt = OpeningNow(election, actor, "registration", election.RegistrationOpensAt);
        }

        election.State = to;
        db.AuditLog.Add(new AuditEntry
        {
            ElectionId = election.Id,
            Actor = actor,
            Action = "state-changed",
            FromState = from.ToString(),
            ToState = to.ToString(),
            Reason = reason?.Trim() ?? string.Empty,
            At = clock.GetUtcNow(),
        });
        await SaveAsync(election, ct);
        LogTransition(logger, election.Slug, from, to, actor);
        if (to == ElectionState.Closed)
        {
            try
            {
                await VoterOrder.EraseAsync(db, election.Id, clock, logger, ct);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // The close stands and the count goes on; the scheduler's next pass erases (VoterOrderErased is still false).
                db.ChangeTracker.Clear();
                LogEraseDeferred(logger, election.Slug, e);
            }
        }

        var occasion = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (to)
        {
            case ElectionState.RegistrationOpen:
                await notices.LaunchAsync(election, ct);
                break;
            case ElectionState.Paused:
                await notices.StateChangeAsync(election, paused: true, occasion, ct);
                await operations.SaveIssueAsync(null, new Operations.OperationsService.IssueInput(election.Id, $"Voting paused: {election.Title}", reason,
                    Support.TicketSeverity.Critical, Operations.IssueStatus.Open, null, "pause"), ct);
                break;
            case ElectionState.VotingOpen when from == ElectionState.Paused:
                election.BackupActive = false;
                await db.SaveChangesAsync(ct);
                await notices.StateChangeAsync(election, paused: false, occasion, ct);
                break;
            case ElectionState.Draft:
            case ElectionState.VotingOpen:
            case ElectionState.Closed:
            case ElectionState.Tallied:
                break;
        }

        // With one trustee the organiser's passphrase opens the key: given with the close, the votes are counted at
        // once; a close without it (the scheduler's, or an organiser who counts later) waits for a "Tally" with it.
        // k-of-n trustees decrypt first, and the k-th valid decryption share tallies the election (Ceremony/TrusteeCeremony).
        return to == ElectionState.Closed && election.TrusteeCount == 1 && !string.IsNullOrEmpty(keyPassphrase)
            ? await TransitionAsync(id, ElectionState.Tallied, actor, "tally at close", keyPassphrase, ct)
            : election;
    }

    /// <summary>
    /// Opens the 1-of-1 key with the passphrase; a wrong one is written in the audit log (someone tried to open
    /// the election key) before the refusal, in its own save so that the refusal does not roll it back.
    /// </summary>
    private async Task<Ballotline.Crypto.Trustees.TrusteeKey> OpenKeyOrAuditRefusalAsync(Election election, string actor, string? keyPassphrase, CancellationToken ct)
    {
        try
        {
            return crypto.TrusteeKey(election, keyPassphrase);
        }
        catch (DomainException e) when (e.Code == "key-passphrase-wrong")
        {
            db.ChangeTracker.Clear();
            db.AuditLog.Add(new AuditEntry
            {
                ElectionId = election.Id,
                Actor = actor,
                Action = "key-passphrase-refused",
                FromState = election.State.ToString(),
                ToState = election.State.ToString(),
                Reason = "a wrong election key passphrase was given",
                At = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
            throw;
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(Guid id, CancellationToken ct = default) =>
        await db.AuditLog.Where(a => a.ElectionId == id).OrderByDescending(a => a.Id).ToListAsync(ct);

    private async Task SaveAsync(Election election, CancellationToken ct)
    {
        election.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Conflict("concurrent-change", "Someone else changed this election at the same time; reload and try again.");
        }
    }

    private static void Apply(Election election, ElectionInput input)
    {
        election.Title = input.Title.Trim();
        election.Description = input.Description?.Trim() ?? string.Empty;
        election.IsTest = input.IsTest;
        election.Contests = input.Contests;
        election.RegistrationOpensAt = input.RegistrationOpensAt.ToUniversalTime();
        election.RegistrationClosesAt = input.RegistrationClosesAt.ToUniversalTime();
        election.VotingOpensAt = input.VotingOpensAt.ToUniversalTime();
        election.VotingClosesAt = input.VotingClosesAt.ToUniversalTime();
        election.FeedbackDeadline = input.FeedbackDeadline.ToUniversalTime();
        election.SupportEmail = input.SupportEmail.Trim();
        election.SupportHours = input.SupportHours?.Trim() ?? string.Empty;
        election.RecordingMode = input.RecordingMode;
        election.EmailWhenFinal = input.EmailWhenFinal;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Election {Slug} closed, but erasing its voters' order failed; the scheduler retries it every pass")]
    private static partial void LogEraseDeferred(ILogger logger, string slug, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Election {Slug} created by {Actor}")]
    private static partial void LogCreated(ILogger logger, string slug, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Election {Slug} moved from {From} to {To} by {Actor}")]
    private static partial void LogTransition(ILogger logger, string slug, ElectionState from, ElectionState to, string actor);
}
