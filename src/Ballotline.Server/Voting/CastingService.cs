using System.Collections.Concurrent;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Serialization;
using Ballotline.Server.Anchoring;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Ballotline.Server.PilotGroup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ballotline.Server.Voting;

/// <summary>
/// Casting: checks the window and the voter, encrypts and verifies the ballot, then in ONE transaction marks
/// the voter on the roll (unique per election — the database refuses a second ballot, however many arrive at
/// once), takes the next log position, and stores the encrypted ballot in the box. The choice is never stored
/// or logged in the clear.
/// </summary>
public sealed partial class CastingService(BallotlineDb db, ElectionCrypto crypto, BallotBoxWriter boxWriter, VerificationSlots verificationSlots, LedgerStatusService ledger, FinalityNotices notices, Mail.MailOutbox outbox, Microsoft.Extensions.Localization.IStringLocalizer<Languages.VoterText> words, Observability.PilotMetrics metrics, IOptions<VotingOptions> options, TimeProvider clock, ILogger<CastingService> logger)
{
    /// <summary>Records that the ballot was shown (the funnel's step; no time is kept, see <see cref="PilotVoter.BallotShown"/>).</summary>
    public async Task<(Election Election, PilotVoter Voter)> OpenBallotAsync(Guid electionId, string userId, CancellationToken ct = default)
    {
        var (election, voter) = await EligibleAsync(electionId, userId, ct);
        if (!voter.BallotShown)
        {
            db.PilotVoters.Attach(voter).Property(v => v.BallotShown).CurrentValue = true;
            await db.SaveChangesAsync(ct);
        }

        metrics.BallotsStarted.Inc();
        return (election, voter);
    }

    /// <summary>What the voter's device needs to encrypt a ballot for this election.</summary>
    public EncryptionContextView EncryptionContext(Election election) => EncryptionContextView.Of(crypto.Context(election), election.CommitmentsJson ?? "[]");

    /// <summary>Server-side encryption of choices sent in the clear: only when <see cref="VotingOptions.ServerSideEncryption"/> is on.</summary>
    public async Task<Receipt> CastAsync(Guid electionId, string userId, CastRequest request, string baseUrl, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!options.Value.ServerSideEncryption)
        {
            throw new DomainException("server-encryption-off",
                $"This server never sees a choice: encrypt the ballot on the voter's device and POST it to /api/elections/{electionId}/ballot/encrypted (the encryption context is in GET /api/elections/{electionId}/ballot).");
        }

        var (election, voter) = await EligibleAsync(electionId, userId, ct);
        var context = crypto.Context(election);
        var plaintext = new PlaintextBallot([.. election.Contests.Select(c => new PlaintextContest(c.Id,
            request.Selections?.TryGetValue(c.Id, out var chosen) == true ? chosen ?? [] : []))]);
        var unknown = request.Selections?.Keys.Where(k => election.Contests.All(c => c.Id != k)).ToArray() ?? [];
        if (unknown.Length > 0)
        {
            throw new DomainException("unknown-contest", $"This ballot has no contest '{unknown[0]}'.");
        }

        // Encrypting and checking are CPU-bound like a device ballot's check, so they take their turn in the same slots.
        var ballot = await verificationSlots.RunAsync(() => EncryptChecked(election, context, plaintext), ct);

        // Freshly encrypted here with new nonces: it cannot be a copy of another ballot (the box's unique index would
        // still refuse one).
        return await StoreAsync(election, voter, ballot, ballot.TrackingCode, baseUrl);
    }

    /// <summary>
    /// Casts a ballot encrypted on the voter's device: it must parse strictly, be made for this election, carry
    /// valid proofs, and be neither a copy of a ballot already cast nor one already challenged (spoiled).
    /// </summary>
    /// <remarks>
    /// With <paramref name="emailReceipt"/> the voter is also mailed their tracking code. The mail ties the voter to the
    /// code, so only its encrypted body holds the code: not the subject, not the deduplication key.
    /// </remarks>
    public async Task<Receipt> CastEncryptedAsync(Guid electionId, string userId, string ballotJson, string baseUrl, bool emailReceipt = false, CancellationToken ct = default)
    {
        // Read first, checked later: its tracking code lets one query say whether the voter may cast and whether this
        // ballot was already cast or challenged (one round trip, which on PostgreSQL is a share of a cast's cost). A
        // voter who may not cast hears that before hearing that the ballot is unreadable, as before the query was one.
        EncryptedBallot? ballot = null;
        DomainException? unreadable = null;
        try
        {
            ballot = Parse(ballotJson);
        }
        catch (DomainException e)
        {
            unreadable = e;
        }

        // Computed once: the code is a digest of the whole canonical ballot.
        var code = ballot?.TrackingCode;
        var (election, voter, seen) = await EligibleAsync(electionId, userId, code?.FullHex ?? string.Empty, ct);
        if (ballot is null || code is null)
        {
            throw unreadable!;
        }

        await verificationSlots.RunAsync(() => Verified(election, ballot), ct);

        // A copy of a ballot already cast, or of one challenged, is refused here, before it queues for the box; two
        // copies racing past this check meet the box's unique index.
        if (seen == SeenAs.Spoiled)
        {
            throw DomainException.Conflict("ballot-spoiled", "This ballot was challenged and published as spoiled, so it can never be counted. Encrypt your choices again and cast the new ballot.");
        }

        if (seen == SeenAs.Cast)
        {
            throw Replayed();
        }

        var receipt = await StoreAsync(election, voter, ballot, code, baseUrl);
        if (emailReceipt)
        {
            // The key names neither the voter nor the position, and the message is erased once delivered (a stored mail
            // must not tie an address to a tracking code) and leaves with its slot's others (the mail server's log must
            // not give the cast time).
            // In the voter's language (the one they registered or last chose).
            using var inLanguage = Languages.VoterLanguages.Use(voter.Language ?? Languages.VoterLanguages.Current);
            await outbox.EnqueueAsync("receipt", $"receipt:{Guid.NewGuid():N}", voter.Email, words["Your tracking code for {0}", election.Title],
                $"{words["Dear {0},", voter.Name]}\n\n{words["Your ballot in {0} was cast. Your tracking code is {1}", election.Title, receipt.ShortCode]}\n{words["(full code: {0}).", receipt.TrackingCode]}\n\n"
                + $"{words["Your choice stays secret: the code identifies your encrypted ballot, not what is inside it. Use it to check that your ballot is in the ballot log and recorded on the chain: {0}", receipt.VerifyUrl]}\n\n"
                + words["Questions? {0}", election.SupportEmail], election.Id, ct, tiesAddressToBallot: true);
            await db.SaveChangesAsync(ct);
        }

        return receipt;
    }

    /// <summary>
    /// The Benaloh challenge: the voter's device reveals the ballot's nonces instead of casting it. The ballot is
    /// checked, opened, published as spoiled (never counted, not linked to the voter) and what it contained is
    /// returned for the voter to compare with their choice. The voter then encrypts again and casts.
    /// </summary>
    public async Task<SpoiledBallotView> ChallengeAsync(Guid electionId, string userId, string ballotJson, string noncesJson, CancellationToken ct = default)
    {
        var (election, _) = await EligibleAsync(electionId, userId, ct);
        var ballot = await verificationSlots.RunAsync(() => ReadVerified(election, ballotJson), ct);
        IReadOnlyList<IReadOnlyList<Ballotline.Crypto.Group.Scalar>> nonces;
        try
        {
            nonces = CryptoJson.Deserialize<IReadOnlyList<IReadOnlyList<Ballotline.Crypto.Group.Scalar>>>(noncesJson ?? string.Empty);
        }
        catch (Ballotline.Crypto.CryptoFormatException e)
        {
            throw new DomainException("invalid-nonces", $"The revealed nonces are not well formed ({e.Check}): {e.Message}");
        }

        var (plaintext, opening) = BallotOpener.Open(crypto.Context(election), ballot, new BallotSecrets(nonces));
        if (plaintext is null)
        {
            LogOpeningFailed(logger, election.Slug, opening.Failures[0].Check);
            throw new DomainException("opening-failed",
                $"The revealed nonces do not open this ballot ({opening.Failures[0].Check}): the device may not have encrypted what it showed. Do not cast from this device; contact support.");
        }

        var code = ballot.TrackingCode;
        if (await db.BallotBox.AnyAsync(b => b.TrackingCode == code.FullHex, ct))
        {
            throw DomainException.Conflict("ballot-cast", "This ballot has already been cast; a cast ballot cannot be challenged.");
        }

        var now = clock.GetUtcNow();
        var spoiled = await db.SpoiledBallots.AsNoTracking().FirstOrDefaultAsync(b => b.TrackingCode == code.FullHex, ct);
        if (spoiled is null)
        {
            spoiled = new SpoiledBallot
            {
                ElectionId = election.Id,
                TrackingCode = code.FullHex,
                ShortCode = code.ShortCode,
                BallotJson = CryptoJson.Serialize(ballot),
                NoncesJson = CryptoJson.Serialize(nonces),
                SelectionsJson = System.Text.Json.JsonSerializer.Serialize(plaintext.Contests.ToDictionary(c => c.ContestId, c => c.Selected, StringComparer.Ordinal)),
                SpoiledHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero),
            };
            db.SpoiledBallots.Add(spoiled);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // The same challenge sent twice at once: the first one published it.
                db.ChangeTracker.Clear();
            }

            // The tracking code is not logged: with the request's time it could tie the published opening to the voter.
            LogChallenged(logger, election.Slug);
            metrics.BallotsChallenged.Inc();
        }

        return SpoiledView(election, spoiled);
    }

    /// <summary>A published spoiled ballot with its candidates' names.</summary>
    public static SpoiledBallotView SpoiledView(Election election, SpoiledBallot spoiled)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(spoiled);
        var selections = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string[]>>(spoiled.SelectionsJson) ?? [];
        return new SpoiledBallotView(spoiled.TrackingCode, spoiled.ShortCode, [.. election.Contests.Select(c =>
        {
            var ids = selections.GetValueOrDefault(c.Id) ?? [];
            return new SpoiledContestView(c.Id, c.Title, ids, [.. c.Candidates.Where(x => ids.Contains(x.Id)).Select(x => x.Name)]);
        })], spoiled.SpoiledHour);
    }

    private static EncryptedBallot EncryptChecked(Election election, Ballotline.Crypto.Election.ElectionContext context, PlaintextBallot plaintext)
    {
        EncryptedBallot ballot;
        try
        {
            ballot = BallotEncryptor.Encrypt(context, plaintext).Ballot;
        }
        catch (ArgumentException e)
        {
            throw new DomainException("invalid-ballot", FriendlyBallotError(election, e.Message));
        }

        var verification = BallotVerifier.Verify(context, ballot);
        return verification.IsValid
            ? ballot
            : throw new InvalidOperationException("A ballot encrypted by the server failed verification: " + verification);
    }

    private EncryptedBallot ReadVerified(Election election, string ballotJson)
    {
        return Verified(election, Parse(ballotJson));
    }

    private static EncryptedBallot Parse(string ballotJson)
    {
        try
        {
            return CryptoJson.DeserializeBallot(ballotJson ?? string.Empty, PublicArithmetic.Native);
        }
        catch (Ballotline.Crypto.CryptoFormatException e)
        {
            throw new DomainException("invalid-ballot", $"The encrypted ballot is not well formed ({e.Check}): {e.Message}");
        }
    }

    private EncryptedBallot Verified(Election election, EncryptedBallot ballot)
    {
        var verification = BallotVerifier.Verify(crypto.Context(election), ballot);
        if (verification.IsValid)
        {
            return ballot;
        }

        var first = verification.Failures[0];
        throw first.Check == "ballot.election"
            ? new DomainException("ballot-wrong-election", "This ballot was encrypted for another election (its context hash is not this election's). Encrypt your choices again on this election's ballot page.")
            : new DomainException("ballot-proof-failed", $"The encrypted ballot failed verification ({first.Check}): {first.Message}");
    }

    private async Task<Receipt> StoreAsync(Election election, PilotVoter voter, EncryptedBallot ballot, TrackingCode code, string baseUrl)
    {
        // Everything but the append itself is done here, before the ballot queues for its election's writer: the append
        // is the serial part of casting (BallotBoxWriter), so it holds the database's statements and nothing else. The
        // receipt's chain status needs no query: no anchor covered the position when it was taken (LedgerStatusService.Waiting).
        var recipient = election.EmailWhenFinal ? notices.Protect(voter.Email, voter.Language ?? Languages.VoterLanguages.Current) : null;
        var appended = await boxWriter.AppendAsync(new PendingCast(election, voter.Id, code.FullHex, code.ShortCode, CryptoJson.Serialize(ballot), recipient));
        metrics.VotesCast.Inc();
        LogCast(logger, election.Slug);
        return ReceiptFor(election, code.FullHex, code.ShortCode, appended.Position, appended.CastAt, ledger.Waiting(), baseUrl);
    }

    public static Receipt ReceiptFor(Election election, string trackingCode, string shortCode, long position, DateTimeOffset castAt, BallotChainStatus chain, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(election);
        return new Receipt(election.Slug, election.Title, trackingCode, shortCode, position, castAt, chain, $"{baseUrl.TrimEnd('/')}/verify?code={trackingCode}");
    }

    // Compiled once per database provider: every cast runs these, and EF Core's per-execution work on a LINQ query
    // (walking the expression tree to find its parameters and its cached plan) was a visible share of a cast's CPU. A
    // compiled query keeps the plan of the first context it ran on, hence one per context type (SQLite, PostgreSQL).
    private static readonly ConcurrentDictionary<Type, Func<BallotlineDb, Guid, string, string, CancellationToken, Task<Eligibility?>>> EligibilityQueries = new();

    private static Func<BallotlineDb, Guid, string, string, CancellationToken, Task<Eligibility?>> EligibilityQuery(BallotlineDb db) =>
        EligibilityQueries.GetOrAdd(db.GetType(), _ => EF.CompileAsyncQuery(
            (BallotlineDb db, Guid electionId, string userId, string code, CancellationToken ct) => (
                from e in db.Elections.AsNoTracking()
                where e.Id == electionId
                from v in db.PilotVoters.Where(v => v.ElectionId == e.Id && v.UserId == userId).DefaultIfEmpty()
                select new Eligibility(e, v, v != null && db.VoterRoll.Any(r => r.ElectionId == e.Id && r.PilotVoterId == v.Id),
                    db.BallotBox.Any(b => b.TrackingCode == code), db.SpoiledBallots.Any(b => b.TrackingCode == code)))
                .FirstOrDefault()));

    private sealed record Eligibility(Election Election, PilotVoter? Voter, bool HasVoted, bool CodeCast, bool CodeSpoiled);

    private async Task<(Election, PilotVoter)> EligibleAsync(Guid electionId, string userId, CancellationToken ct)
    {
        var (election, voter, _) = await EligibleAsync(electionId, userId, string.Empty, ct);
        return (election, voter);
    }

    /// <summary>
    /// The election, the voter, whether they are on the roll and where <paramref name="code"/> was already seen, in one
    /// query (one round trip on every cast). Nothing is tracked: the only caller that changes the voter attaches it
    /// (OpenBallotAsync).
    /// </summary>
    private async Task<(Election, PilotVoter, SeenAs?)> EligibleAsync(Guid electionId, string userId, string code, CancellationToken ct)
    {
        var found = await EligibilityQuery(db)(db, electionId, userId, code, ct) ?? throw DomainException.NotFound("The election");
        var voter = found.Voter
            ?? throw new DomainException("not-a-voter", "You are not registered to vote in this election.", StatusCodes.Status403Forbidden);
        EnsureVotingOpen(found.Election, clock.GetUtcNow());
        if (found.HasVoted)
        {
            throw AlreadyVoted();
        }

        return (found.Election, voter, found.CodeSpoiled ? SeenAs.Spoiled : found.CodeCast ? SeenAs.Cast : null);
    }

    /// <summary>Refuses, with the reason a voter understands, unless <paramref name="election"/> is open for voting at <paramref name="now"/>.</summary>
    private static void EnsureVotingOpen(Election election, DateTimeOffset now)
    {
        if (RefusalAt(election, now) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>Why a ballot cannot be cast in <paramref name="election"/> at <paramref name="now"/>, in words a voter understands; null when voting is open.</summary>
    internal static DomainException? RefusalAt(Election election, DateTimeOffset now)
    {
        switch (election.State)
        {
            case ElectionState.VotingOpen when now >= election.VotingOpensAt && now < election.VotingClosesAt:
                return null;
            case ElectionState.VotingOpen when now < election.VotingOpensAt:
                return DomainException.Formatted("voting-not-open", StatusCodes.Status409Conflict, "Voting opens at {0:yyyy-MM-dd HH:mm} UTC.", election.VotingOpensAt);
            case ElectionState.VotingOpen:
            case ElectionState.Closed:
            case ElectionState.Tallied:
                return VotingClosed();
            case ElectionState.Paused when election.BackupActive:
                return DomainException.Formatted("voting-backup", StatusCodes.Status409Conflict, "Online voting has stopped; please vote by the backup channel: {0}", election.BackupInstructions);
            case ElectionState.Paused:
                return DomainException.Formatted("voting-paused", StatusCodes.Status409Conflict, "Voting is paused: {0} You will be told when it resumes.", election.PauseReason ?? string.Empty);
            case ElectionState.Draft:
            case ElectionState.RegistrationOpen:
                return DomainException.Formatted("voting-not-open", StatusCodes.Status409Conflict, "Voting has not opened yet; it opens at {0:yyyy-MM-dd HH:mm} UTC.", election.VotingOpensAt);
            default:
                return VotingClosed();
        }
    }

    /// <summary>Where a ballot's tracking code was already found.</summary>
    private enum SeenAs
    {
        Cast,
        Spoiled,
    }

    internal static DomainException VotingClosed() => DomainException.Conflict("voting-closed", "Voting in this election has closed.");

    internal static DomainException Replayed() =>
        DomainException.Conflict("ballot-replayed", "This exact encrypted ballot has already been cast, so it cannot be cast again. Encrypt your choices again on your device.");

    internal static DomainException AlreadyVoted() =>
        DomainException.Conflict("already-voted", "You have already voted in this election. Each voter casts one ballot; your first ballot is the one recorded.");

    private static string FriendlyBallotError(Election election, string cryptoMessage)
    {
        // The encryptor's messages name contest and candidate ids; they carry no more than the request itself.
        foreach (var contest in election.Contests)
        {
            if (cryptoMessage.Contains($"'{contest.Id}'", StringComparison.Ordinal))
            {
                var limit = contest.MinSelections == contest.MaxSelections ? $"exactly {contest.MaxSelections}" : $"{contest.MinSelections} to {contest.MaxSelections}";
                return $"\"{contest.Title}\": choose {limit}. {cryptoMessage.Split(" (Parameter", StringSplitOptions.None)[0]}";
            }
        }

        return cryptoMessage.Split(" (Parameter", StringSplitOptions.None)[0];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A ballot was challenged in {Slug} and published as spoiled")]
    private static partial void LogChallenged(ILogger logger, string slug);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A challenged ballot in {Slug} did not open with its revealed nonces ({Check}): a voter's device may be encrypting something other than the voter's choice")]
    private static partial void LogOpeningFailed(ILogger logger, string slug, string check);

    // Only that a ballot was cast: its tracking code, log position or the voter's time on the ballot beside the
    // request's time and user would tie the voter to the published ballot.
    [LoggerMessage(Level = LogLevel.Information, Message = "Ballot cast in {Slug}")]
    private static partial void LogCast(ILogger logger, string slug);
}
