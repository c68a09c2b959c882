using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ballotline.Verifier;

/// <summary>
/// The record's JSON files as strict types (docs/schemas): every documented field required, no undocumented field,
/// no null where a value is due, no property twice. A file that is not in its documented shape is refused by
/// name when it is read, instead of surfacing later as a missing value.
/// </summary>
public static class RecordDocuments
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Reads <paramref name="file"/> as <typeparamref name="T"/>; <see cref="InvalidDataException"/> names the file and the problem.</summary>
    public static T Read<T>(byte[] bytes, string file)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Strict) ?? throw new InvalidDataException($"{file} is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file} is not in its documented shape: {e.Message}", e);
        }
    }

    /// <summary>Each non-empty line of a JSON Lines file as <typeparamref name="T"/>.</summary>
    public static IEnumerable<T> Lines<T>(byte[] bytes, string file)
    {
        var number = 0;
        foreach (var line in System.Text.Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Read<T>(System.Text.Encoding.UTF8.GetBytes(line), $"{file} line {number}");
            }
        }
    }
}

/// <summary>record.json.</summary>
public sealed record RecordIndex(string Version, RecordElection Election, IReadOnlyDictionary<string, string> Files);

public sealed record RecordElection(string Slug, string Title, bool IsTest);

/// <summary>context.json; the commitments are read by the cryptography library's own strict rules.</summary>
public sealed record ContextDocument(int Trustees, int Quorum, string ContextHash, JsonElement Commitments);

/// <summary>ledger.json.</summary>
public sealed record LedgerDocument(long ChainId, string ChainName, string? Contract, string? ElectionId, IReadOnlyList<LedgerAnchor> Anchors, IReadOnlyList<LostAnchor> Lost);

public sealed record LedgerAnchor(string Kind, string Status, long TreeSize, string Root, string TransactionHash, long? BlockNumber);

public sealed record LostAnchor(string Kind, long TreeSize, string Root, string? Contract, string TransactionHash, string? Reason);

/// <summary>result.json.</summary>
public sealed record ResultDocument(long Ballots, IReadOnlyList<ResultContest> Contests);

public sealed record ResultContest(string Id, string Title, IReadOnlyList<ResultCandidate> Candidates);

public sealed record ResultCandidate(string Id, string Name, long Votes);

/// <summary>One contest of contests.json.</summary>
public sealed record ContestText(string Id, string Title, IReadOnlyList<CandidateText> Candidates, int MinSelections, int MaxSelections);

public sealed record CandidateText(string Id, string Name);

/// <summary>One line of spoiled.jsonl; the ballot and nonces are read by the cryptography library's own strict rules.</summary>
public sealed record SpoiledLine(string TrackingCode, JsonElement Ballot, JsonElement Nonces, IReadOnlyDictionary<string, IReadOnlyList<string>> Selections);
