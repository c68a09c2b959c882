using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Ballotline.Crypto;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Tally;
using Ballotline.Crypto.Trustees;

namespace Ballotline.Verifier;

/// <summary>
/// Re-checks a published election record from its files alone (and the chain, given an RPC endpoint): the
/// files' hashes, the context rebuilt from the manifest and the trustees' commitments, every ballot's proofs and
/// tracking code, the log positions, every spoiled ballot's opening, the encrypted tally recomputed from the
/// ballots, every decryption proof, the published counts, and the ballot log's Merkle roots against the anchors
/// in the record and on the chain. Every check is reported, passed or failed, with what it counted.
/// </summary>
/// <param name="source">The record's files.</param>
/// <param name="rpcUrl">A JSON-RPC endpoint of the record's chain; without it the chain checks are skipped (and the verdict says so).</param>
/// <param name="progress">Receives progress lines on large records.</param>
/// <param name="announcement">
/// What the election announced before voting (chain, contract, authority, context hash); without it the record's
/// own contract is trusted, and the verdict says so.
/// </param>
public sealed class ElectionRecordVerifier(RecordSource source, string? rpcUrl, Action<string>? progress = null, ElectionAnnouncement? announcement = null)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
    private readonly List<VerifierCheck> _checks = [];
    private string? _version;

    public async Task<IReadOnlyList<VerifierCheck>> VerifyAsync(CancellationToken ct)
    {
        var files = await ReadFilesAsync(ct);
        if (files is null)
        {
            return _checks;
        }

        // context.json is read once: the context, the announcement and the close statement all need it, and a file not
        // in its documented shape fails each of them with the same message (Lazy keeps and rethrows the exception).
        var contextDocument = new Lazy<ContextDocument>(() => RecordDocuments.Read<ContextDocument>(files[RecordFiles.Context], RecordFiles.Context));
        var (context, commitments) = Context(files, contextDocument);
        List<CastBallot> ballots = [];
        Guard("ballots", () => ballots = Ballots(files, context));
        if (context is not null)
        {
            Guard("spoiled", () => Spoiled(files, context, ballots));
            Guard("tally", () => Tally(files, context, commitments, ballots));
        }

        var leaves = ballots.Select(b => MerkleRoots.Leaf(Hex(b.TrackingCode))).ToList();
        LedgerDocument? ledger = null;
        Guard("ledger.roots", () =>
        {
            ledger = RecordDocuments.Read<LedgerDocument>(files[RecordFiles.Ledger], RecordFiles.Ledger);
            RecordAnchors(ledger, leaves);
        });
        Guard("announcement", () => AnnouncementCheck(contextDocument, ledger));
        byte[]? closeStatement = null;
        if (HasLabels)
        {
            Guard("chain.anchors", () => closeStatement = CloseStatement(files, contextDocument, leaves));
        }

        if (ledger is not null)
        {
            await ChainAnchorsAsync(ledger, leaves, closeStatement, ct);
        }

        return _checks;
    }

    /// <summary>A file that is not in the documented shape fails its check by name instead of stopping the verifier.</summary>
    private void Guard(string name, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or FormatException or CryptoFormatException)
        {
            Report(name, false, $"the record's data is not in the documented shape: {e.Message}");
        }
    }

    private static byte[] Hex(string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private sealed record CastBallot(long LogIndex, string TrackingCode, EncryptedBallot? Ballot);

    /// <summary>From v3 the manifest carries the titles and names and the chain's close carries the close statement.</summary>
    private bool HasLabels => _version is RecordFiles.Version or RecordFiles.VersionWithoutCommitments;

    private void Report(string name, bool passed, string detail) => _checks.Add(new VerifierCheck(name, passed, detail));

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<Dictionary<string, byte[]>?> ReadFilesAsync(CancellationToken ct)
    {
        var indexBytes = await source.ReadAsync(RecordFiles.Index, ct);
        if (indexBytes is null)
        {
            Report("record.index", false, $"{RecordFiles.Index} is missing from {source.Description}.");
            return null;
        }

        RecordIndex index;
        try
        {
            index = RecordDocuments.Read<RecordIndex>(indexBytes, RecordFiles.Index);
        }
        catch (InvalidDataException e)
        {
            Report("record.index", false, e.Message);
            return null;
        }

        var version = _version = index.Version;
        if (version is not (RecordFiles.Version or RecordFiles.VersionWithoutCommitments or RecordFiles.VersionWithoutLabels))
        {
            Report("record.version", false, $"'{version}' is not a record version this verifier knows ({RecordFiles.Version}, {RecordFiles.VersionWithoutCommitments}, {RecordFiles.VersionWithoutLabels}).");
            return null;
        }

        var listed = index.Files;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var name in RecordFiles.Required)
        {
            var bytes = await source.ReadAsync(name, ct);
            var expected = listed.GetValueOrDefault(name);
            if (bytes is null)
            {
                problems.Add($"{name} is missing");
            }
            else if (expected is null)
            {
                problems.Add($"{name} is not listed in {RecordFiles.Index}");
            }
            else if (Sha256(bytes) != expected)
            {
                problems.Add($"{name} does not match its SHA-256 in {RecordFiles.Index}");
            }

            if (bytes is not null)
            {
                files[name] = bytes;
            }
        }

        foreach (var name in listed.Select(f => f.Key).Where(n => !RecordFiles.Required.Contains(n, StringComparer.Ordinal)))
        {
            problems.Add($"{name} is listed in {RecordFiles.Index} but is not a file of the record");
        }

        if (source.EntryNames is { } entries)
        {
            foreach (var repeated in entries.GroupBy(e => e, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"{repeated.Key} appears {repeated.Count()} times in the archive (tools differ on which copy they read)");
            }

            foreach (var extra in entries.Distinct(StringComparer.Ordinal).Where(e => e != RecordFiles.Index && !RecordFiles.Required.Contains(e, StringComparer.Ordinal)))
            {
                problems.Add($"{extra} is in the archive but is not a file of the record");
            }
        }

        Report("record.files", problems.Count == 0, problems.Count == 0
            ? string.Create(Invariant, $"{files.Count} files match their SHA-256; record hash {Sha256(indexBytes)}")
            : string.Join("; ", problems));

        // A file that is not the one record.json pins is not the published record: nothing in it is worth checking.
        return problems.Count == 0 ? files : null;
    }

    private (ElectionContext? Context, TrusteeCommitment[] Commitments) Context(Dictionary<string, byte[]> files, Lazy<ContextDocument> contextDocument)
    {
        try
        {
            var json = contextDocument.Value;
            var manifest = CryptoJson.Deserialize<ElectionManifest>(System.Text.Encoding.UTF8.GetString(files[RecordFiles.Manifest]));
            var commitments = CryptoJson.Deserialize<TrusteeCommitment[]>(json.Commitments.GetRawText());
            var context = KeyCeremony.CreateContext(manifest, json.Trustees, json.Quorum, commitments);
            var claimed = json.ContextHash;
            Report("context", context.ExtendedHashHex == claimed, context.ExtendedHashHex == claimed
                ? string.Create(Invariant, $"rebuilt from the manifest and {commitments.Length} trustee commitments (every key proof checked); context hash {claimed}")
                : $"the manifest and commitments give context hash {context.ExtendedHashHex}, the record claims {claimed}");
            return (context.ExtendedHashHex == claimed ? context : null, commitments);
        }
        catch (Exception e) when (e is CryptoFormatException or TrusteeException or InvalidDataException)
        {
            Report("context", false, $"the context cannot be rebuilt: {e.Message}");
            return (null, []);
        }
    }

    /// <summary>One line of ballots.jsonl, read in one pass by the library's strict JSON rules; <c>commitments</c> from v4.</summary>
    private sealed record BallotLine(long LogIndex, string TrackingCode, EncryptedBallot Ballot, IReadOnlyList<string>? Commitments = null);

    private List<CastBallot> Ballots(Dictionary<string, byte[]> files, ElectionContext? context)
    {
        var lines = System.Text.Encoding.UTF8.GetString(files[RecordFiles.Ballots]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ballots = new CastBallot[lines.Length];
        var commitments = new IReadOnlyList<byte[]>?[lines.Length];
        var failures = new ConcurrentBag<string>();
        var wrongCodes = new ConcurrentBag<long>();
        var withCommitments = _version == RecordFiles.Version;

        // Each line is parsed and hashed on whichever core is free: ballots are independent.
        Parallel.For(0, lines.Length, i =>
        {
            BallotLine? line = null;
            EncryptedBallot? ballot = null;
            try
            {
                line = CryptoJson.Deserialize<BallotLine>(lines[i]);
                ballot = line.Ballot;
                if (ballot.TrackingCode.FullHex != line.TrackingCode)
                {
                    wrongCodes.Add(line.LogIndex);
                }

                commitments[i] = Commitments(line.Commitments, withCommitments);
            }
            catch (CryptoFormatException e)
            {
                failures.Add(string.Create(Invariant, $"ballot {i}: {e.Check}"));
                ballot = null;
            }

            ballots[i] = new CastBallot(line?.LogIndex ?? -1, line?.TrackingCode ?? string.Empty, ballot);
        });

        if (context is not null)
        {
            VerifyProofs(context, ballots, withCommitments ? commitments : null, failures);
        }

        Report("ballots.proofs", context is not null && failures.IsEmpty, context is null
            ? "not checked: the context could not be rebuilt"
            : failures.IsEmpty ? string.Create(Invariant, $"{lines.Length} ballots, every selection and contest proof holds{(withCommitments ? " (checked in batches against the commitments published beside them)" : string.Empty)}") : Summarise(failures, lines.Length));

        var duplicates = ballots.GroupBy(b => b.TrackingCode, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key[..16]}… ×{g.Count()}").ToList();
        Report("ballots.tracking-codes", wrongCodes.IsEmpty && duplicates.Count == 0, wrongCodes.IsEmpty && duplicates.Count == 0
            ? string.Create(Invariant, $"{ballots.Length} tracking codes recomputed from the ballots, all distinct")
            : string.Join("; ", wrongCodes.Order().Select(w => string.Create(Invariant, $"ballot {w} does not hash to its tracking code")).Concat(duplicates.Select(d => "duplicate " + d)).Take(10)));

        var gaps = ballots.Select((b, i) => (b, i)).Where(x => x.b.LogIndex != x.i).Select(x => string.Create(Invariant, $"line {x.i} has position {x.b.LogIndex}")).ToList();
        Report("ballots.log-positions", gaps.Count == 0, gaps.Count == 0
            ? string.Create(Invariant, $"positions 0…{ballots.Length - 1} in order, no gap")
            : $"the log has gaps or is out of order: {string.Join("; ", gaps.Take(5))}");
        return [.. ballots];
    }

    /// <summary>
    /// Every parsed ballot's proofs, BouncyCastle arithmetic (not the server's libsecp256k1: a bug in one cannot pass a
    /// bad ballot through both). A v4 record's ballots come with their proofs' commitments and are checked in batches
    /// on every core (<see cref="BallotBatchVerifier"/>); an older record's one by one. A ballot that fails is not counted.
    /// </summary>
    private void VerifyProofs(ElectionContext context, CastBallot[] ballots, IReadOnlyList<byte[]>?[]? commitments, ConcurrentBag<string> failures)
    {
        var parsed = Enumerable.Range(0, ballots.Length).Where(i => ballots[i].Ballot is not null).ToArray();
        var batchSize = Math.Clamp(parsed.Length / (4 * Environment.ProcessorCount), 16, 256);
        var chunks = parsed.Chunk(batchSize).ToArray();
        var done = 0;
        Parallel.ForEach(chunks, chunk =>
        {
            var results = commitments is null
                ? [.. chunk.Select(i => BallotVerifier.Verify(context, ballots[i].Ballot!, PublicArithmetic.BouncyCastle))]
                : BallotBatchVerifier.Verify(context, [.. chunk.Select(i => (ballots[i].Ballot!, commitments[i]!))]);
            for (var k = 0; k < chunk.Length; k++)
            {
                if (!results[k].IsValid)
                {
                    var i = chunk[k];
                    failures.Add(string.Create(Invariant, $"ballot {i}: {results[k].Failures[0].Check}"));
                    ballots[i] = ballots[i] with { Ballot = null };
                }
            }

            var before = Interlocked.Add(ref done, chunk.Length) - chunk.Length;
            if (progress is not null && ballots.Length >= 1000 && (before * 10 / ballots.Length) != ((before + chunk.Length) * 10 / ballots.Length))
            {
                progress(string.Create(Invariant, $"verified {before + chunk.Length}/{ballots.Length} ballots"));
            }
        });
    }

    /// <summary>A v4 line's commitments, one lower-case hex string per range proof; absent before v4.</summary>
    private static IReadOnlyList<byte[]>? Commitments(IReadOnlyList<string>? hex, bool required)
    {
        if (hex is null)
        {
            return required ? throw new CryptoFormatException("ballot.commitments", "A v4 ballot line must carry its proofs' commitments.") : null;
        }

        if (!required)
        {
            throw new CryptoFormatException("ballot.commitments", "Only a v4 record's ballot lines carry commitments.");
        }

        return [.. hex.Select(h => h.Length % 2 == 0 && !h.AsSpan().ContainsAnyExcept(LowerHex)
            ? Convert.FromHexString(h)
            : throw new CryptoFormatException("ballot.commitments", "Commitments are lower-case hexadecimal."))];
    }

    private void Spoiled(Dictionary<string, byte[]> files, ElectionContext context, List<CastBallot> cast)
    {
        var castCodes = cast.Select(b => b.TrackingCode).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var count = 0;
        foreach (var line in RecordDocuments.Lines<SpoiledLine>(files[RecordFiles.Spoiled], RecordFiles.Spoiled))
        {
            count++;
            var code = line.TrackingCode;
            try
            {
                var ballot = CryptoJson.DeserializeBallot(line.Ballot.GetRawText());
                var verification = BallotVerifier.Verify(context, ballot, PublicArithmetic.BouncyCastle);
                var nonces = CryptoJson.Deserialize<IReadOnlyList<IReadOnlyList<Scalar>>>(line.Nonces.GetRawText());
                var (plaintext, opening) = BallotOpener.Open(context, ballot, new BallotSecrets(nonces));
                var claimed = line.Selections.ToDictionary(p => p.Key, p => p.Value.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
                if (!verification.IsValid)
                {
                    problems.Add($"{Short(code)}: {verification.Failures[0].Check}");
                }
                else if (plaintext is null)
                {
                    problems.Add($"{Short(code)}: {opening.Failures[0].Check}");
                }
                else if (plaintext.Contests.Any(c => !claimed.TryGetValue(c.ContestId, out var s) || !s.SequenceEqual(c.Selected.Order(StringComparer.Ordinal))))
                {
                    problems.Add($"{Short(code)}: opens to other choices than published");
                }
                else if (ballot.TrackingCode.FullHex != code)
                {
                    problems.Add($"{Short(code)}: does not hash to its tracking code");
                }

                if (castCodes.Contains(code))
                {
                    problems.Add($"{Short(code)}: a spoiled ballot is among the cast ballots");
                }
            }
            catch (CryptoFormatException e)
            {
                problems.Add($"{code}: {e.Message}");
            }
        }

        Report("spoiled", problems.Count == 0, problems.Count == 0
            ? string.Create(Invariant, $"{count} challenged ballots verify, open to their published choices, and none is counted")
            : string.Join("; ", problems.Take(10)));
    }

    private void Tally(Dictionary<string, byte[]> files, ElectionContext context, TrusteeCommitment[] commitments, List<CastBallot> ballots)
    {
        TallyResult result;
        try
        {
            result = CryptoJson.Deserialize<TallyResult>(System.Text.Encoding.UTF8.GetString(files[RecordFiles.Tally]));
        }
        catch (CryptoFormatException e)
        {
            Report("tally", false, $"tally.json cannot be read ({e.Check}): {e.Message}");
            return;
        }

        var tally = new EncryptedTally(context.Manifest);
        foreach (var b in ballots.Where(b => b.Ballot is not null))
        {
            tally.Add(b.Ballot!);
        }

        var totals = tally.Ciphertexts();
        var sameTotals = tally.BallotCount == result.BallotCount && totals.SequenceEqual(result.EncryptedTotals);
        Report("tally.encrypted-totals", sameTotals, sameTotals
            ? string.Create(Invariant, $"the product of {tally.BallotCount} valid ballots equals the published encrypted totals ({totals.Count} candidates)")
            : string.Create(Invariant, $"recomputed from {tally.BallotCount} valid ballots, the encrypted totals differ from the published ones (which claim {result.BallotCount} ballots)"));

        var decryption = ThresholdDecryption.Verify(context, commitments, result.EncryptedTotals, result.Decryptions, result.Counts);
        Report("tally.decryptions", decryption.IsValid, decryption.IsValid
            ? string.Create(Invariant, $"{result.Decryptions.Count} trustee decryption shares with valid proofs decrypt the totals to the published counts")
            : string.Join("; ", decryption.Failures.Take(5)));

        Result(files, context, result);
    }

    /// <summary>
    /// The published result, read against the manifest (not against itself): every contest and candidate of the
    /// manifest appears once, with the count decrypted at its position, and nothing else does; the names shown are
    /// those of contests.json. Counts are taken by position in the manifest's order, so relabelling the tally's
    /// positions cannot move votes between candidates.
    /// </summary>
    private void Result(Dictionary<string, byte[]> files, ElectionContext context, TallyResult result)
    {
        var expected = context.Manifest.Contests.SelectMany(c => c.Candidates.Select(x => new TallyPosition(c.Id, x))).ToList();
        var positionsHold = result.Positions.SequenceEqual(expected) && result.Counts.Count == expected.Count;
        Report("tally.positions", positionsHold, positionsHold
            ? string.Create(Invariant, $"the tally's {expected.Count} positions follow the manifest's contests and candidates in order")
            : "the tally's positions do not follow the manifest's contests and candidates in order: a count could be credited to the wrong candidate");
        if (!positionsHold)
        {
            Report("result", false, "not checked against the counts: the tally's positions are not the manifest's");
            return;
        }

        ResultDocument published;
        ContestText[] shownNames;
        try
        {
            published = RecordDocuments.Read<ResultDocument>(files[RecordFiles.Result], RecordFiles.Result);
            shownNames = RecordDocuments.Read<ContestText[]>(files[RecordFiles.Contests], RecordFiles.Contests);
        }
        catch (InvalidDataException e)
        {
            // The result is what people read: a result.json not in its documented shape fails the result check by name.
            Report("result", false, $"the record's data is not in the documented shape: {e.Message}");
            return;
        }

        var mismatches = new List<string>();
        var names = BoundNames(context.Manifest, shownNames, mismatches);
        if (published.Ballots != result.BallotCount)
        {
            mismatches.Add(string.Create(Invariant, $"result.json says {published.Ballots} ballots, the tally {result.BallotCount}"));
        }

        var position = 0;
        foreach (var contest in context.Manifest.Contests)
        {
            var shown = published.Contests.Where(c => c.Id == contest.Id).ToList();
            var named = names.SingleOrDefault(n => n.Id == contest.Id);
            if (shown.Count != 1 || named is null)
            {
                mismatches.Add($"contest {contest.Id} appears {shown.Count} times in result.json and {(named is null ? "not" : "once")} in contests.json");
                position += contest.Candidates.Count;
                continue;
            }

            if (shown[0].Title != named.Title)
            {
                mismatches.Add($"contest {contest.Id} is titled differently in result.json and contests.json");
            }

            foreach (var candidate in contest.Candidates)
            {
                var counted = result.Counts[position++];
                var row = shown[0].Candidates.Where(c => c.Id == candidate).ToList();
                var name = named.Candidates.SingleOrDefault(c => c.Id == candidate)?.Name;
                if (row.Count != 1)
                {
                    mismatches.Add(string.Create(Invariant, $"{contest.Id}/{candidate} appears {row.Count} times in result.json (decrypted {counted})"));
                }
                else if (row[0].Votes != counted)
                {
                    mismatches.Add(string.Create(Invariant, $"{contest.Id}/{candidate}: published {row[0].Votes}, decrypted {counted}"));
                }
                else if (name is null || row[0].Name != name)
                {
                    mismatches.Add($"{contest.Id}/{candidate} is named differently in result.json and contests.json");
                }
            }

            foreach (var extra in shown[0].Candidates.Select(c => c.Id).Where(id => !contest.Candidates.Contains(id)))
            {
                mismatches.Add($"{contest.Id}/{extra}: in result.json but not in the manifest");
            }
        }

        foreach (var extra in published.Contests.Select(c => c.Id).Where(id => context.Manifest.FindContest(id) is null))
        {
            mismatches.Add($"contest {extra}: in result.json but not in the manifest");
        }

        Report("result", mismatches.Count == 0, mismatches.Count == 0
            ? string.Create(Invariant, $"the published result equals the decrypted counts ({result.BallotCount} ballots)")
                + (context.Manifest.Labels is null
                    ? "; titles and names as in contests.json, which this v2 record does not bind into the manifest hash"
                    : "; titles and names are those bound into the manifest hash")
            : string.Join("; ", mismatches));
    }

    /// <summary>
    /// The titles and names the result must show. From v3 they are the manifest's labels — bound into its hash, so
    /// part of the context every proof is bound to — and contests.json must say the same; a v2 record has only
    /// contests.json, whose names nothing binds (said in the result check's detail).
    /// </summary>
    private IReadOnlyList<ContestText> BoundNames(ElectionManifest manifest, IReadOnlyList<ContestText> contestsJson, List<string> mismatches)
    {
        if (manifest.Labels is not { } labels)
        {
            if (HasLabels)
            {
                mismatches.Add("a v3 or v4 record's manifest must carry its titles and names (labels)");
            }

            return contestsJson;
        }

        var bound = manifest.Contests.Select((c, i) => new ContestText(c.Id, labels.Contests[i].Title,
            [.. c.Candidates.Select((x, j) => new CandidateText(x, labels.Contests[i].Candidates[j]))], c.MinSelections, c.MaxSelections)).ToList();
        foreach (var contest in bound)
        {
            var shown = contestsJson.SingleOrDefault(c => c.Id == contest.Id);
            if (shown is null || shown.Title != contest.Title || !contest.Candidates.SequenceEqual(shown.Candidates))
            {
                mismatches.Add($"contests.json shows contest {contest.Id} otherwise than the titles and names bound into the manifest");
            }
        }

        return bound;
    }

    private void RecordAnchors(LedgerDocument ledger, List<byte[]> leaves)
    {
        var problems = new List<string>();
        long last = -1;
        var count = 0;
        foreach (var anchor in ledger.Anchors)
        {
            count++;
            var size = anchor.TreeSize;
            var root = anchor.Root;
            if (size < last)
            {
                problems.Add(string.Create(Invariant, $"tree size {size} after {last}: the log shrank"));
            }

            last = Math.Max(last, size);
            if (size > leaves.Count)
            {
                problems.Add(string.Create(Invariant, $"anchor of {size} ballots, but the record has {leaves.Count}"));
            }
            else if (Convert.ToHexStringLower(MerkleRoots.Root(leaves, size)) != root)
            {
                problems.Add(string.Create(Invariant, $"the root anchored at size {size} is not the root of the record's first {size} ballots"));
            }
        }

        Report("ledger.roots", problems.Count == 0, problems.Count == 0
            ? string.Create(Invariant, $"{count} anchors in the record: each root recomputed from the ballot log, sizes only grow (each anchored log extends the one before)")
            : string.Join("; ", problems.Take(10)));

        // The record itself must say the log was closed on the chain at its full size, and that every anchor it
        // lists is final: a record whose last ballots were never anchored must not pass, with or without --rpc.
        var anchors = ledger.Anchors;
        if (anchors.Count == 0 && ledger.Contract is null)
        {
            // A server run without a chain (Chain:Mode None): nothing ties this log to a chain, and the verdict must say so.
            _checks.Add(new VerifierCheck("ledger.close", true, "not checked: the record was not anchored on any chain, so nothing outside it fixes the ballot log") { Skipped = true });
            return;
        }

        var closing = new List<string>();
        var close = anchors.Count == 0 ? null : anchors[^1];
        if (close is null || close.Kind != "Close")
        {
            closing.Add("the record's last anchor is not the election's close");
        }
        else if (close.TreeSize != leaves.Count)
        {
            closing.Add(string.Create(Invariant, $"the close covers {close.TreeSize} ballots; the record has {leaves.Count}"));
        }

        closing.AddRange(anchors.Where(a => a.Status != "Final")
            .Select(a => string.Create(Invariant, $"the {a.Kind} anchor at size {a.TreeSize} is '{a.Status}', not final")).Take(5));
        Report("ledger.close", closing.Count == 0, closing.Count == 0
            ? string.Create(Invariant, $"the record's anchors are all final and end with the close at {leaves.Count} ballots")
            : string.Join("; ", closing));
    }

    /// <summary>
    /// The record against what the election announced before voting: the same context hash (so the same manifest,
    /// key and trustees), the same chain, the same contract. Without an announcement the record's own word is all
    /// there is, and the check says it was skipped.
    /// </summary>
    private void AnnouncementCheck(Lazy<ContextDocument> contextDocument, LedgerDocument? ledger)
    {
        if (announcement is null)
        {
            _checks.Add(new VerifierCheck("announcement", true, "not checked: the record's own contract and context were trusted; give --announcement (the election's page or invitation) to check them against what was announced before voting") { Skipped = true });
            return;
        }

        var problems = new List<string>();
        var contextHash = contextDocument.Value.ContextHash;
        if (contextHash != announcement.ContextHash)
        {
            problems.Add($"the record's context hash {contextHash} is not the announced {announcement.ContextHash}: another manifest, key or set of trustees");
        }

        var chainId = ledger?.ChainId;
        var contract = ledger?.Contract?.ToLowerInvariant();
        var electionId = ledger?.ElectionId;
        if (chainId != announcement.ChainId)
        {
            problems.Add(string.Create(Invariant, $"the record is on chain {chainId}, the election announced chain {announcement.ChainId}"));
        }

        if (contract != announcement.Contract)
        {
            problems.Add($"the record's contract {contract} is not the announced {announcement.Contract} (after a recovery the organiser announces the new contract: compare with that notice)");
        }

        if (electionId != announcement.ContextHash)
        {
            problems.Add($"the record's election id on the chain {electionId} is not the announced context hash");
        }

        Report("announcement", problems.Count == 0, problems.Count == 0
            ? string.Create(Invariant, $"the record's context hash, chain {chainId} and contract {contract} are those announced before voting (authority {announcement.Authority})")
            : string.Join("; ", problems));
    }

    /// <summary>
    /// The close statement recomputed from the record's files (docs/election-record.md): what the chain's close
    /// must carry, so that the challenged ballots, the tally and the result are committed on the chain too.
    /// </summary>
    private static byte[] CloseStatement(Dictionary<string, byte[]> files, Lazy<ContextDocument> contextDocument, List<byte[]> leaves)
    {
        var contextHash = contextDocument.Value.ContextHash;
        var spoiled = RecordDocuments.Lines<SpoiledLine>(files[RecordFiles.Spoiled], RecordFiles.Spoiled).Select(l => l.TrackingCode)
            .Order(StringComparer.Ordinal).Select(code => MerkleRoots.Leaf(Hex(code))).ToList();
        return new Transcript("ballotline/v1/close")
            .Bytes(Hex(contextHash))
            .Number(leaves.Count)
            .Bytes(MerkleRoots.Root(leaves, leaves.Count))
            .Number(spoiled.Count)
            .Bytes(MerkleRoots.Root(spoiled, spoiled.Count))
            .Bytes(SHA256.HashData(files[RecordFiles.Tally]))
            .Bytes(SHA256.HashData(files[RecordFiles.Result]))
            .Digest();
    }

    private async Task ChainAnchorsAsync(LedgerDocument ledger, List<byte[]> leaves, byte[]? closeStatement, CancellationToken ct)
    {
        if (rpcUrl is null)
        {
            _checks.Add(new VerifierCheck("chain.anchors", true, "not checked: give --rpc URL to compare the roots with the contract's") { Skipped = true });
            return;
        }

        var contract = ledger.Contract;
        var electionId = ledger.ElectionId;
        if (contract is null || electionId is null)
        {
            Report("chain.anchors", false, "the record names no contract or election id on the chain");
            return;
        }

        try
        {
            ct.ThrowIfCancellationRequested();
            var reader = new ChainReader(rpcUrl);
            var chainId = await reader.ChainIdAsync();
            await ContractCheckAsync(reader, contract);
            var expectedChain = ledger.ChainId;
            var onChain = await reader.AnchorsAsync(contract, Convert.FromHexString(electionId));
            var problems = new List<string>();
            if (chainId != expectedChain)
            {
                problems.Add(string.Create(Invariant, $"the RPC endpoint is chain {chainId}, the record's chain is {expectedChain}"));
            }

            foreach (var a in onChain)
            {
                if (a.TreeSize > leaves.Count || Convert.ToHexStringLower(MerkleRoots.Root(leaves, a.TreeSize)) != a.Root)
                {
                    problems.Add(string.Create(Invariant, $"the chain's root for size {a.TreeSize} (transaction {a.TransactionHash[..10]}…) is not the root of the record's ballot log"));
                }
            }

            for (var i = 1; i < onChain.Count; i++)
            {
                if (onChain[i].TreeSize < onChain[i - 1].TreeSize)
                {
                    problems.Add(string.Create(Invariant, $"the chain's anchored size went from {onChain[i - 1].TreeSize} to {onChain[i].TreeSize}"));
                }
            }

            foreach (var anchor in ledger.Anchors.Where(a => a.Status == "Final"))
            {
                var tx = anchor.TransactionHash;
                if (!onChain.Any(c => string.Equals(c.TransactionHash, tx, StringComparison.OrdinalIgnoreCase) && c.TreeSize == anchor.TreeSize && c.Root == anchor.Root))
                {
                    problems.Add($"the record's final anchor in transaction {Short(tx)} is not on the chain with that size and root");
                }
            }

            var close = onChain.LastOrDefault(a => a.Kind == "Close");
            if (close is null)
            {
                problems.Add("the election was not closed on the chain");
            }
            else if (close.TreeSize != leaves.Count)
            {
                problems.Add(string.Create(Invariant, $"the chain closed the log at {close.TreeSize} ballots; the record has {leaves.Count}"));
            }
            else if (closeStatement is not null && close.ResultHash != Convert.ToHexStringLower(closeStatement))
            {
                problems.Add("the chain's close statement does not commit to this record's challenged ballots, tally and result: one of them was changed, added or removed");
            }

            Report("chain.anchors", problems.Count == 0, problems.Count == 0
                ? string.Create(Invariant, $"{onChain.Count} anchors read from contract {contract} on chain {chainId} match the record's ballot log; closed at {close!.TreeSize} ballots")
                    + (closeStatement is null ? "; this v2 record's close commits to no spoiled ballots" : "; the close statement commits to the record's challenged ballots, tally and result")
                : string.Join("; ", problems.Take(10)));
        }
        catch (Exception e) when (e is Nethereum.JsonRpc.Client.RpcClientUnknownException or Nethereum.JsonRpc.Client.RpcResponseException or HttpRequestException)
        {
            Report("chain.anchors", false, $"the chain could not be read at {rpcUrl}: {e.Message}");
        }
    }

    /// <summary>
    /// The contract the anchors were read from is a genuine BallotLedger whose only writer is the announced
    /// authority: its runtime code read from the chain is the compiled contract's with that address as its
    /// immutable. Only the authority can emit its events, so every anchor read from it was sent by the authority.
    /// </summary>
    private async Task ContractCheckAsync(ChainReader reader, string contract)
    {
        if (announcement is null)
        {
            _checks.Add(new VerifierCheck("chain.contract", true, "not checked: without --announcement the authority that may write to the contract is unknown, so anyone's contract would do") { Skipped = true });
            return;
        }

        var mismatch = LedgerCode.Mismatch(await reader.CodeAsync(contract), announcement.Authority);
        Report("chain.contract", mismatch is null, mismatch is null
            ? $"the code at {contract} is BallotLedger's, writable only by the announced authority {announcement.Authority}"
            : $"the contract at {contract}: {mismatch}");
    }

    private static string Short(string code) => code.Length > 16 ? code[..16] + "…" : code;

    private static string Summarise(ConcurrentBag<string> failures, int total) =>
        string.Create(Invariant, $"{failures.Count} of {total} ballots fail: {string.Join("; ", failures.OrderBy(f => f, StringComparer.Ordinal).Take(10))}");
}
