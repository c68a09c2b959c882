using Ballotline.Server.Data;
using Ballotline.Server.Elections;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Anchoring;

/// <summary>
/// The election's public announcement, fixed when registration opens and its opening is recorded on the chain:
/// which chain, which BallotLedger contract, which authority address alone may write to it, and the context hash
/// (manifest, key, trustees) every ballot and proof is bound to. Voters and observers keep it from the election's
/// page or their invitation; <c>ballotline-verify --announcement</c> then checks the published record against it,
/// so that a record anchored on someone else's contract cannot pass. Nothing in it is secret.
/// </summary>
public sealed record ElectionAnnouncement(
    string Version,
    string Election,
    string Title,
    long ChainId,
    string ChainName,
    string Contract,
    string Authority,
    string ContextHash,
    string? OpenTransaction)
{
    public const string CurrentVersion = "ballotline/election-announcement/v1";

    /// <summary>The announcement, or null while there is none yet (no chain, registration not open, or the contract not deployed).</summary>
    public static async Task<ElectionAnnouncement?> ForAsync(BallotlineDb db, ChainConnection chain, Election election, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(election);
        if (!chain.Options.Enabled || election.ContextHash is null)
        {
            return null;
        }

        var open = await db.Anchors.AsNoTracking().Where(a => a.ElectionId == election.Id && a.Kind == AnchorKind.Open && a.Status != AnchorStatus.Lost)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        var active = await LedgerDeployment.ActiveAsync(db.LedgerDeployments, chain.Options.ChainId, ct);
        var contract = string.IsNullOrEmpty(open?.ContractAddress) ? active?.ContractAddress : open.ContractAddress;
        return contract is null
            ? null
            : new ElectionAnnouncement(CurrentVersion, election.Slug, election.Title, chain.Options.ChainId, chain.Options.DisplayName, contract.ToLowerInvariant(),
                chain.AuthorityAddress.ToLowerInvariant(), election.ContextHash, open?.Status == AnchorStatus.Final ? open.TransactionHash : null);
    }

    /// <summary>The announcement as lines of plain text, for the invitation mail, in the voter's language.</summary>
    public string ToText(string url, Microsoft.Extensions.Localization.IStringLocalizer words)
    {
        ArgumentNullException.ThrowIfNull(words);
        string Line(string label, object value) => words["{0}: {1}", words[label], value];
        return $"{Line("Chain", $"{words[ChainName]} ({words["chain id {0}", ChainId]})")}\n{Line("Contract", Contract)}\n{Line("Authority (the only address that may write to it)", Authority)}\n"
            + $"{Line("Election (context hash)", ContextHash)}\n{words["Keep these lines: after the count, `ballotline-verify --announcement {0}` checks the published record against them.", url]}";
    }
}
