using System.IO.Compression;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Ballotline.Server.Tests.Results;

/// <summary>
/// Every file of a real election record, and the election's announcement, validated against the JSON Schemas in
/// docs/schemas — the normative shapes a second verifier is written from — and a malformed file refused by them.
/// </summary>
public sealed class RecordSchemaTests
{
    private static string Schemas => Path.Combine(RepositoryPaths.Root, "docs", "schemas");

    // Every schema registered by its $id, so that "common.schema.json#/$defs/…" references resolve.
    private static readonly Lazy<Dictionary<string, JsonSchema>> All = new(() =>
    {
        var schemas = Directory.GetFiles(Schemas, "*.schema.json").ToDictionary(f => Path.GetFileName(f)[..^".schema.json".Length], f => JsonSchema.FromFile(f), StringComparer.Ordinal);
        foreach (var schema in schemas.Values)
        {
            SchemaRegistry.Global.Register(schema);
        }

        return schemas;
    });

    private static JsonSchema Schema(string name) => All.Value[name];

    private static IReadOnlyList<string> Errors(JsonSchema schema, JsonNode? instance)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : [.. result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }

    [Fact]
    public async Task Every_file_of_a_real_record_and_its_announcement_match_the_published_schemas()
    {
        var (app, _, zip) = await ElectionRecordVerifierTests.TalliedRecordAsync("record-schema");
        await using var _ = app;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            foreach (var entry in archive.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                files[entry.Name] = await reader.ReadToEndAsync();
            }
        }

        if (Environment.GetEnvironmentVariable("BALLOTLINE_DUMP_RECORD") is { } dump)
        {
            Directory.CreateDirectory(dump);
            foreach (var (name, text) in files)
            {
                await File.WriteAllTextAsync(Path.Combine(dump, name), text);
            }
        }

        var problems = new List<string>();
        foreach (var (name, text) in files)
        {
            var schemaName = Path.GetFileNameWithoutExtension(name);
            if (name.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                problems.AddRange(lines.SelectMany((line, i) => Errors(Schema(schemaName + "-line"), JsonNode.Parse(line)).Select(e => $"{name} line {i + 1} {e}")));
            }
            else
            {
                problems.AddRange(Errors(Schema(schemaName), JsonNode.Parse(text)).Select(e => $"{name} {e}"));
            }
        }

        var announcement = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/elections/record-schema/announcement"));
        problems.AddRange(Errors(Schema("announcement"), announcement).Select(e => $"announcement {e}"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains("spoiled.jsonl", files.Keys);

        // The schemas are not a formality: an upper-case point, a missing proof and an unknown field are each refused.
        var line = JsonNode.Parse(files["ballots.jsonl"].Split('\n')[0])!;
        var upper = line.DeepClone();
        upper["ballot"]!["contests"]![0]!["selections"]![0]!["ciphertext"]!["pad"] = upper["ballot"]!["contests"]![0]!["selections"]![0]!["ciphertext"]!["pad"]!.GetValue<string>().ToUpperInvariant();
        Assert.NotEmpty(Errors(Schema("ballots-line"), upper));
        var unproven = line.DeepClone();
        unproven["ballot"]!["contests"]![0]!.AsObject().Remove("sumProof");
        Assert.NotEmpty(Errors(Schema("ballots-line"), unproven));
        var extra = JsonNode.Parse(files["result.json"])!;
        extra["winner"] = "aurora";
        Assert.NotEmpty(Errors(Schema("result"), extra));
    }
}
