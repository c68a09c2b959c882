using System.Globalization;
using System.Text.Json;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Tally;
using Ballotline.Verifier;

namespace Ballotline.TrusteeTool;

/// <summary>
/// What a trustee is asked to decrypt, recomputed on the trustee's own machine before any share is used. The totals
/// must be the sum of the closed ballot log — every ballot at its position 0…N−1, hashing to its tracking code, its
/// proofs valid for the context the trustee rebuilt itself — and, when the chain is given, that log must be the
/// largest one the announced contract has anchored (same size, same RFC 9162 root). Otherwise a server could hand the
/// trustees one voter's ballot, or the tally less one ballot, as "the totals", and their shares would decrypt it.
/// </summary>
internal sealed record ClosedLog(IReadOnlyList<ElGamalCiphertext> Totals, long Ballots, string Root)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The sum and root of the log the server sent (read line by line); throws, saying what is wrong, if the log or the totals it asks for do not hold.</summary>
    public static async Task<ClosedLog> RecomputeAsync(ElectionContext context, Stream ballotLog, string servedTotalsJson, TextWriter progress, CancellationToken ct)
    {
        var tally = new EncryptedTally(context.Manifest);
        var leaves = new List<byte[]>();
        await foreach (var line in JsonSerializer.DeserializeAsyncEnumerable<LogLine>(ballotLog, JsonSerializerOptions.Web, ct))
        {
            var i = leaves.Count;
            if (line is null || line.LogIndex != i)
            {
                throw Refused(string.Create(Invariant, $"the ballot log's position {i} holds position {line?.LogIndex}"));
            }

            var ballot = CryptoJson.Deserialize<EncryptedBallot>(line.Ballot.GetRawText());
            var code = TrackingCode.Of(ballot);
            if (code.FullHex != line.TrackingCode)
            {
                throw Refused(string.Create(Invariant, $"ballot {i} does not hash to its tracking code"));
            }

            var verification = BallotVerifier.Verify(context, ballot);
            if (!verification.IsValid)
            {
                throw Refused(string.Create(Invariant, $"ballot {i}'s proofs do not hold ({verification.Failures[0].Check})"));
            }

            tally.Add(ballot);
            leaves.Add(MerkleRoots.Leaf(code.ToBytes()));
            if (leaves.Count % 1000 == 0)
            {
                progress.WriteLine(string.Create(Invariant, $"  … {leaves.Count} ballots checked"));
            }
        }

        var totals = tally.Ciphertexts();
        var served = CryptoJson.Deserialize<ElGamalCiphertext[]>(servedTotalsJson);
        if (CryptoJson.Serialize(served) != CryptoJson.Serialize(totals))
        {
            throw Refused(string.Create(Invariant, $"the totals it asks you to decrypt are not the sum of the {leaves.Count} ballots of its closed log"));
        }

        return new ClosedLog(totals, leaves.Count, Convert.ToHexStringLower(MerkleRoots.Root(leaves, leaves.Count)));
    }

    /// <summary>Throws unless the largest log the announced contract, on the chain at <paramref name="rpcUrl"/>, has anchored for this election is this one (size and root).</summary>
    public async Task CheckAgainstChainAsync(ElectionContext context, ElectionAnnouncement announcement, string rpcUrl)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(announcement);
        if (announcement.ContextHash != context.ExtendedHashHex)
        {
            throw Refused("the announcement is another election's (its context hash is not the one your key ceremony built)");
        }

        var chain = new ChainReader(rpcUrl);
        if (await chain.ChainIdAsync() is var chainId && chainId != announcement.ChainId)
        {
            throw Refused(string.Create(Invariant, $"the RPC endpoint is chain {chainId}, the announcement's is {announcement.ChainId}"));
        }

        if (LedgerCode.Mismatch(await chain.CodeAsync(announcement.Contract), announcement.Authority) is { } mismatch)
        {
            throw Refused($"the announced contract is not Ballotline's ledger with the announced authority: {mismatch}");
        }

        // The close itself is written after the tally (it commits to the result), so the log is checked against the
        // largest one the contract has anchored: anchors only grow, so a log cut short, or one ballot alone, is caught.
        var anchored = (await chain.AnchorsAsync(announcement.Contract, context.ExtendedHash)).MaxBy(a => a.TreeSize);
        if (anchored is null || anchored.TreeSize < Ballots)
        {
            throw new InvalidOperationException(string.Create(Invariant,
                $"The chain has anchored {anchored?.TreeSize ?? 0} of the log's {Ballots} ballots so far: run decrypt again once the whole log is anchored (the server anchors it within its batch time). Nothing was decrypted."));
        }

        if (anchored.TreeSize != Ballots || anchored.Root != Root)
        {
            throw Refused(string.Create(Invariant, $"its log has {Ballots} ballots with root {Root[..16]}…, the chain has anchored {anchored.TreeSize} with root {anchored.Root[..16]}…"));
        }
    }

    private sealed record LogLine(long LogIndex, string TrackingCode, JsonElement Ballot);

    private static InvalidOperationException Refused(string why) =>
        new($"Refused to decrypt: {why}. The server may be asking you to decrypt something other than the tally (one voter's ballot, say); nothing was decrypted. Tell the other trustees and the organisers.");
}
