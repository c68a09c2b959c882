namespace Ballotline.Verifier;

/// <summary>The record's files by name (docs/election-record.md).</summary>
public static class RecordFiles
{
    /// <summary>The current format: v3, and each ballot line carries its proofs' commitments (checked in batches).</summary>
    public const string Version = "ballotline/election-record/v4";

    /// <summary>Still read: titles and names bound into the manifest hash, no commitments beside the proofs.</summary>
    public const string VersionWithoutCommitments = "ballotline/election-record/v3";

    /// <summary>Still read: the same files, but titles and names are not bound into the manifest hash.</summary>
    public const string VersionWithoutLabels = "ballotline/election-record/v2";
    public const string Index = "record.json";
    public const string Manifest = "manifest.json";
    public const string Context = "context.json";
    public const string Ballots = "ballots.jsonl";
    public const string Spoiled = "spoiled.jsonl";
    public const string Ledger = "ledger.json";
    public const string Tally = "tally.json";
    public const string Result = "result.json";
    public const string Contests = "contests.json";

    public static readonly string[] Required = [Manifest, Contests, Context, Ballots, Spoiled, Ledger, Tally, Result];
}
