using Ballotline.Crypto.Election;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Trustees;
using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Ceremony;

/// <summary>
/// The k-of-n key ceremony, relayed by the server without it ever holding a key. Each trustee, on their own
/// machine (<c>ballotline-trustee</c>): (1) commits to a random polynomial and publishes a transport key; (2) once
/// all have committed, deals each other trustee its share sealed to that trustee's transport key; (3) once all
/// have dealt, opens and checks the shares dealt to it against the dealers' commitments and confirms its key
/// share's public verification key. Registration opens only once every trustee has confirmed. After voting
/// closes each trustee decrypts the published encrypted tally with its share; every decryption's proof is checked
/// on arrival (a wrong one is refused and names its trustee), and the k-th valid one tallies the election.
/// </summary>
public sealed partial class TrusteeCeremony(BallotlineDb db, ElectionService elections, ElectionCrypto crypto, Results.TallyService tally, TimeProvider clock, ILogger<TrusteeCeremony> logger)
{
    public const int MaxTrustees = 20;

    public async Task<IReadOnlyList<AppointedTrustee>> AppointAsync(Guid electionId, int quorum, IReadOnlyList<string> names, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(names);
        var election = await elections.GetAsync(electionId, ct);
        if (names.Count == 1 && quorum == 1)
        {
            // One trustee is the server itself (small pilots): nothing to appoint.
            await db.Trustees.Where(t => t.ElectionId == electionId).ExecuteDeleteAsync(ct);
            election.TrusteeCount = 1;
            election.Quorum = 1;
            await db.SaveChangesAsync(ct);
            return [];
        }

        if (election.State != ElectionState.Draft)
        {
            throw DomainException.Conflict("not-draft", "Trustees are appointed while the election is a draft: the election key is made before registration opens.");
        }

        var cleaned = names.Select(n => n?.Trim() ?? string.Empty).ToList();
        var errors = new List<string>();
        if (cleaned.Count is < 1 or > MaxTrustees)
        {
            errors.Add($"Appoint between 1 and {MaxTrustees} trustees, not {cleaned.Count}.");
        }

        if (quorum < 1 || quorum > cleaned.Count)
        {
            errors.Add($"The quorum must be between 1 and the number of trustees ({cleaned.Count}), not {quorum}.");
        }

        errors.AddRange(cleaned.Select((n, i) => (n, i)).Where(x => x.n.Length is 0 or > 100).Select(x => $"Trustee {x.i + 1} needs a name of 1 to 100 characters."));
        if (errors.Count > 0)
        {
            throw new DomainException("invalid-trustees", errors[0], details: errors);
        }

        // Appointing again restarts the ceremony: earlier tokens, commitments and shares no longer count.
        await db.Trustees.Where(t => t.ElectionId == electionId).ExecuteDeleteAsync(ct);
        election.TrusteeCount = cleaned.Count;
        election.Quorum = quorum;
        var appointed = new List<AppointedTrustee>();
        for (var i = 0; i < cleaned.Count; i++)
        {
            var token = Tokens.New();
            db.Trustees.Add(new Trustee { ElectionId = electionId, Index = i + 1, Name = cleaned[i], TokenHash = Tokens.Hash(token) });
            appointed.Add(new AppointedTrustee(i + 1, cleaned[i], token));
        }

        db.AuditLog.Add(new AuditEntry { ElectionId = electionId, Actor = actor, Action = $"trustees-appointed ({quorum} of {cleaned.Count})" });
        await db.SaveChangesAsync(ct);
        LogAppointed(logger, election.Slug, quorum, cleaned.Count, actor);
        return appointed;
    }

    public async Task<IReadOnlyList<TrusteeProgress>> ProgressAsync(Guid electionId, CancellationToken ct) =>
        [.. (await db.Trustees.AsNoTracking().Where(t => t.ElectionId == electionId).OrderBy(t => t.Index).ToListAsync(ct))
            .Select(t => new TrusteeProgress(t.Index, t.Name, t.CommittedAt != null, t.SharedAt != null, t.ConfirmedAt != null, t.DecryptedAt != null))];

    public async Task<TrusteeView> ViewAsync(string token, CancellationToken ct)
    {
        var (trustee, election, all) = await FindAsync(token, ct);
        return View(trustee, election, all);
    }

    /// <summary>The trustee's view from entities already loaded (the election is tracked, so a transition shows at once).</summary>
    private static TrusteeView View(Trustee trustee, Election election, List<Trustee> all)
    {
        var envelopes = all.All(t => t.SharedAt != null)
            ? all.Where(t => t.Index != trustee.Index).SelectMany(Envelopes).Where(e => e.Recipient == trustee.Index).ToList()
            : [];
        return new TrusteeView(election.Id, election.Title, trustee.Index, election.TrusteeCount, election.Quorum,
            election.ManifestJson ?? CryptoJson.Serialize(election.ToManifest()), Convert.ToHexStringLower(BaseHash(election)),
            Stage(trustee, election, all),
            [.. all.Select(t => new TrusteePublic(t.Index, t.Name, t.TransportKey, t.CommitmentJson is null ? null : CryptoJson.Deserialize<TrusteeCommitment>(t.CommitmentJson),
                t.SharedAt != null, t.ConfirmedAt != null, t.DecryptedAt != null))],
            envelopes);
    }

    /// <summary>Round 1: the trustee's commitments (checked against the election's base hash) and transport key.</summary>
    public async Task<TrusteeView> CommitAsync(string token, TrusteeCommitment commitment, GroupElement transportKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        ArgumentNullException.ThrowIfNull(transportKey);
        var (trustee, election, all) = await FindAsync(token, ct);
        RequireDraft(election);
        if (trustee.CommittedAt is not null)
        {
            throw DomainException.Conflict("already-committed", "This trustee has already committed; appoint the trustees again to restart the ceremony.");
        }

        if (commitment.TrusteeIndex != trustee.Index)
        {
            throw new DomainException("wrong-trustee", $"These commitments are for trustee {commitment.TrusteeIndex}; this token is trustee {trustee.Index}'s.");
        }

        var check = commitment.Verify(BaseHash(election), election.Quorum);
        if (!check.IsValid)
        {
            throw new DomainException("commitment-invalid", $"The commitments do not verify for this election ({check.Failures[0].Check}): {check.Failures[0].Message}");
        }

        trustee.CommitmentJson = CryptoJson.Serialize(commitment);
        trustee.TransportKey = transportKey.ToHex();
        trustee.CommittedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        LogStep(logger, election.Slug, trustee.Index, "committed");
        return View(trustee, election, all);
    }

    /// <summary>Round 2: one sealed share for every other trustee, once every trustee has committed.</summary>
    public async Task<TrusteeView> ShareAsync(string token, IReadOnlyList<ShareEnvelope> envelopes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var (trustee, election, all) = await FindAsync(token, ct);
        RequireDraft(election);
        if (all.Any(t => t.CommittedAt is null))
        {
            throw DomainException.Conflict("waiting-for-commitments", $"Waiting for trustee(s) {string.Join(", ", all.Where(t => t.CommittedAt is null).Select(t => t.Index))} to commit.");
        }

        var expected = all.Where(t => t.Index != trustee.Index).Select(t => t.Index).Order().ToList();
        var given = envelopes.Select(e => e.Recipient).Order().ToList();
        if (envelopes.Any(e => e.Dealer != trustee.Index) || !given.SequenceEqual(expected))
        {
            throw new DomainException("shares-incomplete", $"Trustee {trustee.Index} must deal exactly one share to each of trustees {string.Join(", ", expected)}.");
        }

        trustee.EnvelopesJson = CryptoJson.Serialize(envelopes);
        trustee.SharedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        LogStep(logger, election.Slug, trustee.Index, "dealt its shares");
        return View(trustee, election, all);
    }

    /// <summary>Round 3: the trustee opened and checked its shares; its verification key must be the one the commitments imply.</summary>
    public async Task<TrusteeView> ConfirmAsync(string token, GroupElement verificationKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(verificationKey);
        var (trustee, election, all) = await FindAsync(token, ct);
        RequireDraft(election);
        if (all.Any(t => t.SharedAt is null))
        {
            throw DomainException.Conflict("waiting-for-shares", $"Waiting for trustee(s) {string.Join(", ", all.Where(t => t.SharedAt is null).Select(t => t.Index))} to deal their shares.");
        }

        var expected = KeyCeremony.ShareVerificationKey(trustee.Index, Commitments(all));
        if (expected != verificationKey)
        {
            throw new DomainException("verification-key-mismatch", $"Trustee {trustee.Index}'s key share does not match the commitments: run the combine step again from the key file.");
        }

        trustee.ConfirmedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        LogStep(logger, election.Slug, trustee.Index, "confirmed its key share");
        return View(trustee, election, all);
    }

    /// <summary>After voting closes: the encrypted totals each trustee decrypts.</summary>
    public async Task<IReadOnlyList<Ballotline.Crypto.ElGamal.ElGamalCiphertext>> EncryptedTotalsAsync(string token, CancellationToken ct)
    {
        var (_, election, _) = await FindAsync(token, ct);
        RequireClosed(election);
        return (await tally.EncryptedTallyAsync(election, ct)).Ciphertexts();
    }

    /// <summary>
    /// The closed ballot log in log order (<c>[{logIndex, trackingCode, ballot}]</c>, the ballots as cast): the totals
    /// are its sum, and a trustee's tool recomputes them, and the log's root, before decrypting anything — so that a
    /// server cannot have the trustees decrypt one voter's ballot in place of the tally (docs/trustees.md).
    /// </summary>
    /// <remarks>The token and the election's state are checked before anything is written; the log is then streamed
    /// line by line to <paramref name="response"/>, never held whole (a 100,000-ballot log is ~450 MB).</remarks>
    public async Task WriteBallotLogAsync(string token, HttpResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        var (_, election, _) = await FindAsync(token, ct);
        RequireClosed(election);
        response.ContentType = "application/json";
        var separator = "[";
        // The lines of the record's ballots.jsonl (Results/RecordEntries), which the trustees' check and a verifier's agree on.
        await foreach (var entry in Results.RecordEntries.BallotsAsync(db, election.Id, ct))
        {
            await response.WriteAsync(separator + entry.ToJsonString(), ct);
            separator = ",";
        }

        await response.WriteAsync(separator == "[" ? "[]" : "]", ct);
    }

    /// <summary>A trustee's partial decryption: refused, naming the trustee, unless every proof holds; the k-th valid one tallies.</summary>
    public async Task<TrusteeView> DecryptAsync(string token, PartialDecryption partial, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(partial);
        var (trustee, election, all) = await FindAsync(token, ct);
        RequireClosed(election);
        if (partial.TrusteeIndex != trustee.Index)
        {
            throw new DomainException("wrong-trustee", $"This decryption is trustee {partial.TrusteeIndex}'s; this token is trustee {trustee.Index}'s.");
        }

        var totals = (await tally.EncryptedTallyAsync(election, ct)).Ciphertexts();
        var context = crypto.Context(election);
        var check = ThresholdDecryption.Verify(context, Commitments(all), totals, [partial], [.. totals.Select(_ => 0L)]);
        var own = check.Failures.FirstOrDefault(f => f.Check.StartsWith("decryption.trustee", StringComparison.Ordinal));
        if (own is not null)
        {
            LogRejected(logger, election.Slug, trustee.Index, own.Check);
            throw new DomainException("decryption-rejected", $"Trustee {trustee.Index}'s decryption share is refused ({own.Check}): {own.Message}");
        }

        trustee.DecryptionJson = CryptoJson.Serialize(partial);
        trustee.DecryptedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        LogStep(logger, election.Slug, trustee.Index, "decrypted the tally");

        // Counted again now that this share is stored, not from what was read before: two last shares arriving
        // together had each seen the other missing, and neither tallied (TrusteeDecryptionRaceTests).
        var decrypted = await db.Trustees.CountAsync(t => t.ElectionId == election.Id && t.DecryptionJson != null, ct);
        if (decrypted >= election.Quorum && election.State == ElectionState.Closed)
        {
            try
            {
                await elections.TransitionAsync(election.Id, ElectionState.Tallied, $"trustees ({election.Quorum} of {election.TrusteeCount})", "the quorum of trustees decrypted the tally", ct: ct);
            }
            catch (DomainException e) when (e.Code is "concurrent-change" or "invalid-transition")
            {
                // The other last share tallied it first: this share is stored and counted in that tally all the same.
                // Anything else is still this request's failure.
                if (await db.Elections.AsNoTracking().Where(x => x.Id == election.Id).Select(x => x.State).SingleAsync(ct) != ElectionState.Tallied)
                {
                    throw;
                }
            }

            all = await db.Trustees.AsNoTracking().Where(t => t.ElectionId == election.Id).OrderBy(t => t.Index).ToListAsync(ct);
            trustee = all.Single(t => t.Id == trustee.Id);
            election = await db.Elections.AsNoTracking().SingleAsync(x => x.Id == election.Id, ct);
        }

        return View(trustee, election, all);
    }

    /// <summary>Every trustee's commitments once all have confirmed; otherwise the registration cannot open.</summary>
    public static async Task<IReadOnlyList<TrusteeCommitment>> CompletedCommitmentsAsync(BallotlineDb db, Election election, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(election);
        var all = await db.Trustees.AsNoTracking().Where(t => t.ElectionId == election.Id).OrderBy(t => t.Index).ToListAsync(ct);
        var pending = all.Where(t => t.ConfirmedAt is null).Select(t => $"{t.Index} ({t.Name})").ToList();
        if (all.Count != election.TrusteeCount || pending.Count > 0)
        {
            throw DomainException.Conflict("ceremony-incomplete",
                $"The trustees' key ceremony is not complete: waiting for trustee(s) {string.Join(", ", pending)}. Registration opens once every trustee has confirmed their key share.");
        }

        return Commitments(all);
    }

    /// <summary>The valid partial decryptions received so far (each was checked on arrival).</summary>
    public static async Task<IReadOnlyList<PartialDecryption>> AcceptedDecryptionsAsync(BallotlineDb db, Guid electionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return [.. (await db.Trustees.AsNoTracking().Where(t => t.ElectionId == electionId && t.DecryptionJson != null).OrderBy(t => t.Index).Select(t => t.DecryptionJson!).ToListAsync(ct))
            .Select(CryptoJson.Deserialize<PartialDecryption>)];
    }

    private async Task<(Trustee Trustee, Election Election, List<Trustee> All)> FindAsync(string token, CancellationToken ct)
    {
        var hash = Tokens.Hash(token ?? string.Empty);
        var trustee = await db.Trustees.FirstOrDefaultAsync(t => t.TokenHash == hash, ct)
            ?? throw new DomainException("trustee-unknown", "This trustee link is not valid: it may have been replaced when the trustees were appointed again.", StatusCodes.Status404NotFound);
        var election = await elections.GetAsync(trustee.ElectionId, ct);
        var all = await db.Trustees.Where(t => t.ElectionId == election.Id).OrderBy(t => t.Index).ToListAsync(ct);
        return (all.Single(t => t.Id == trustee.Id), election, all);
    }

    private static string Stage(Trustee trustee, Election election, List<Trustee> all) => election.State switch
    {
        ElectionState.Draft when trustee.CommittedAt is null => "commit",
        ElectionState.Draft when all.Any(t => t.CommittedAt is null) => "waiting-for-commitments",
        ElectionState.Draft when trustee.SharedAt is null => "share",
        ElectionState.Draft when all.Any(t => t.SharedAt is null) => "waiting-for-shares",
        ElectionState.Draft when trustee.ConfirmedAt is null => "combine",
        ElectionState.Draft => "waiting-for-registration",
        ElectionState.RegistrationOpen or ElectionState.VotingOpen or ElectionState.Paused => "waiting-for-voting-to-close",
        ElectionState.Closed when trustee.DecryptedAt is null => "decrypt",
        ElectionState.Closed => "waiting-for-quorum",
        ElectionState.Tallied => "done",
        _ => "unknown",
    };

    private static byte[] BaseHash(Election election) => ElectionContext.ComputeBaseHash(election.ToManifest(), election.TrusteeCount, election.Quorum);

    private static List<TrusteeCommitment> Commitments(IEnumerable<Trustee> all) =>
        [.. all.Where(t => t.CommitmentJson != null).OrderBy(t => t.Index).Select(t => CryptoJson.Deserialize<TrusteeCommitment>(t.CommitmentJson!))];

    private static IEnumerable<ShareEnvelope> Envelopes(Trustee t) =>
        t.EnvelopesJson is null ? [] : CryptoJson.Deserialize<ShareEnvelope[]>(t.EnvelopesJson);

    private static void RequireDraft(Election election)
    {
        if (election.State != ElectionState.Draft)
        {
            throw DomainException.Conflict("ceremony-closed", "The key ceremony is over: registration has opened with the election key.");
        }
    }

    private static void RequireClosed(Election election)
    {
        if (election.State is not (ElectionState.Closed or ElectionState.Tallied))
        {
            throw DomainException.Conflict("voting-not-closed", "The tally is decrypted after voting closes.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trustees appointed for {Slug}: {Quorum} of {Count} (by {Actor})")]
    private static partial void LogAppointed(ILogger logger, string slug, int quorum, int count, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key ceremony of {Slug}: trustee {Index} {Step}")]
    private static partial void LogStep(ILogger logger, string slug, int index, string step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key ceremony of {Slug}: trustee {Index}'s decryption share was refused ({Check})")]
    private static partial void LogRejected(ILogger logger, string slug, int index, string check);
}
