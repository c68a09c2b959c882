using System.Text.Json;
using Ballotline.Crypto.Election;

namespace Ballotline.Server.Elections;

/// <summary>
/// An election: what is voted on, when, who to ask for help, and its cryptographic context once registration
/// opens. The trustee key is stored only in protected (encrypted) form.
/// </summary>
public sealed class Election
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>A short identifier (letters, digits, '-') bound into every ballot's proofs.</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }

    public string Description { get; set; } = string.Empty;

    public bool IsTest { get; set; } = true;

    public ElectionState State { get; set; } = ElectionState.Draft;

    public string ContestsJson { get; set; } = "[]";

    public DateTimeOffset RegistrationOpensAt { get; set; }

    public DateTimeOffset RegistrationClosesAt { get; set; }

    public DateTimeOffset VotingOpensAt { get; set; }

    public DateTimeOffset VotingClosesAt { get; set; }

    public DateTimeOffset FeedbackDeadline { get; set; }

    public string SupportEmail { get; set; } = string.Empty;

    public string SupportHours { get; set; } = string.Empty;

    public string? PauseReason { get; set; }

    /// <summary>How ballots reach the chain: batched anchors (default) or one transaction per ballot.</summary>
    public Anchoring.RecordingMode RecordingMode { get; set; } = Anchoring.RecordingMode.Batched;

    /// <summary>After a rollback: voting goes through the traditional backup channel described here.</summary>
    public bool BackupActive { get; set; }

    public string BackupInstructions { get; set; } = string.Empty;

    /// <summary>The backup channel's totals per candidate id (JSON), entered by staff; shown beside the online tally.</summary>
    public string? BackupTotalsJson { get; set; }

    /// <summary>Email each voter when their ballot is final on the chain.</summary>
    public bool EmailWhenFinal { get; set; }

    /// <summary>Cryptographic context, fixed when registration opens (manifest, key, commitments).</summary>
    public string? ManifestJson { get; set; }

    public string? CommitmentsJson { get; set; }

    public string? ContextHash { get; set; }

    /// <summary>
    /// The 1-of-1 trustee secret sealed under the organiser's key passphrase (<see cref="Ballotline.Crypto.Trustees.SealedTrusteeKey"/>,
    /// as JSON). The passphrase is never stored: nothing in the database or the data directory opens it.
    /// </summary>
    public string? SealedTrusteeKey { get; set; }

    /// <summary>n: trustees holding a share of the election key (1 = the organiser, by passphrase, for small pilots).</summary>
    public int TrusteeCount { get; set; } = 1;

    /// <summary>k: trustees needed to decrypt the tally.</summary>
    public int Quorum { get; set; } = 1;

    /// <summary>
    /// Anchoring passes that could not reach the chain while this election had ballots waiting to be recorded (or
    /// its close to be written): attempts its ballots depended on that failed, counted in transaction success.
    /// </summary>
    public long ChainPassesFailed { get; set; }

    /// <summary>
    /// Seconds voters spent registering, from opening the invitation link to the account, summed over
    /// <see cref="RegistrationsTimed"/> registrations: the metrics report's average. Kept here, as a sum, because a
    /// voter's own row keeps only the day (<see cref="Infrastructure.VoterTime"/>).
    /// </summary>
    public double RegistrationSecondsTotal { get; set; }

    public long RegistrationsTimed { get; set; }

    /// <summary>
    /// The order in which its voters acted has been erased (<see cref="VoterOrder"/>), once voting closed. Until it is,
    /// the scheduler's every pass does it: a server killed between the close and the erasure erases at its next start.
    /// </summary>
    public bool VoterOrderErased { get; set; }

    /// <summary>The next ballot log position; incremented in the casting transaction so positions have no gaps.</summary>
    public long BallotCount { get; set; }

    public string? ResultJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? TalliedAt { get; set; }

    /// <summary>Optimistic concurrency: two administrators cannot both move the state from the same version.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public IReadOnlyList<ContestSpec> Contests
    {
        get => JsonSerializer.Deserialize<List<ContestSpec>>(ContestsJson, JsonSerializerOptions.Web) ?? [];
        set => ContestsJson = JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
    }

    /// <summary>The cryptographic manifest, with the titles and names people read bound into its hash (record v3).</summary>
    public ElectionManifest ToManifest() =>
        new(Slug, [.. Contests.Select(c => new ContestDescription(c.Id, [.. c.Candidates.Select(x => x.Id)], c.MinSelections, c.MaxSelections))])
        {
            Labels = new ManifestLabels(Title, [.. Contests.Select(c => new ContestLabels(c.Title, [.. c.Candidates.Select(x => x.Name)]))]),
        };
}
