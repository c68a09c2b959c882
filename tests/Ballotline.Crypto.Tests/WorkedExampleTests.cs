using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ballotline.Crypto.Tests;

/// <summary>
/// The worked example recomputed from docs/cryptography.md alone — a field encoder written here from the table,
/// SHA-256 and the JSON, none of the library's hashing — so that the documentation, not the code, is what a
/// second implementation needs.
/// </summary>
public sealed class WorkedExampleTests
{
    private static JsonElement Example => JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "vectors", "worked-example.json"))).RootElement;

    /// <summary>tag ‖ length (4 bytes BE) ‖ bytes, per field, as the documentation says.</summary>
    private sealed class Fields
    {
        private readonly MemoryStream _bytes = new();

        public Fields(string label) => Add(0x01, Encoding.UTF8.GetBytes(label));

        public byte[] Input => _bytes.ToArray();

        public Fields Bytes(string hex) => Add(0x02, Convert.FromHexString(hex));

        public Fields Scalar(string hex) => Add(0x03, Convert.FromHexString(hex));

        public Fields Point(string hex) => Add(0x04, Convert.FromHexString(hex));

        public Fields Int(long value)
        {
            var buffer = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(buffer, value);
            return Add(0x05, buffer);
        }

        public Fields Text(string value) => Add(0x06, Encoding.UTF8.GetBytes(value));

        public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Input));

        private Fields Add(byte tag, byte[] value)
        {
            var header = new byte[5];
            header[0] = tag;
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1), value.Length);
            _bytes.Write(header);
            _bytes.Write(value);
            return this;
        }
    }

    [Fact]
    public void The_context_hashes_follow_from_the_documented_fields()
    {
        var example = Example;
        var manifest = example.GetProperty("manifest");
        var labels = manifest.GetProperty("labels");
        var contests = manifest.GetProperty("contests").EnumerateArray().ToList();
        var manifestFields = new Fields("ballotline/v2/manifest").Text(manifest.GetProperty("electionId").GetString()!).Text(labels.GetProperty("title").GetString()!).Int(contests.Count);
        for (var i = 0; i < contests.Count; i++)
        {
            var contest = contests[i];
            var contestLabels = labels.GetProperty("contests")[i];
            var candidates = contest.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()!).ToList();
            manifestFields.Text(contest.GetProperty("id").GetString()!).Text(contestLabels.GetProperty("title").GetString()!)
                .Int(contest.GetProperty("minSelections").GetInt64()).Int(contest.GetProperty("maxSelections").GetInt64()).Int(candidates.Count);
            for (var j = 0; j < candidates.Count; j++)
            {
                manifestFields.Text(candidates[j]).Text(contestLabels.GetProperty("candidates")[j].GetString()!);
            }
        }

        Assert.Equal(example.GetProperty("manifestHash").GetString(), manifestFields.Sha256());
        var baseHash = new Fields("ballotline/v1/base-hash").Text("secp256k1").Bytes(manifestFields.Sha256())
            .Int(example.GetProperty("trustees").GetInt64()).Int(example.GetProperty("quorum").GetInt64()).Sha256();
        Assert.Equal(example.GetProperty("baseHash").GetString(), baseHash);

        var commitments = example.GetProperty("commitments").EnumerateArray().ToList();
        var commitmentFields = new Fields("ballotline/v1/trustee-commitments").Int(commitments.Count);
        foreach (var commitment in commitments.OrderBy(c => c.GetProperty("trusteeIndex").GetInt32()))
        {
            var coefficients = commitment.GetProperty("coefficients").EnumerateArray().ToList();
            commitmentFields.Int(commitment.GetProperty("trusteeIndex").GetInt64()).Int(coefficients.Count);
            coefficients.ForEach(c => commitmentFields.Point(c.GetString()!));
        }

        Assert.Equal(example.GetProperty("commitmentsHash").GetString(), commitmentFields.Sha256());
        Assert.Equal(example.GetProperty("publicKey").GetString(), commitments[0].GetProperty("coefficients")[0].GetString()); // 1-of-1: K = K_10
        var extended = new Fields("ballotline/v1/extended-base-hash").Bytes(baseHash).Point(example.GetProperty("publicKey").GetString()!).Bytes(commitmentFields.Sha256()).Sha256();
        Assert.Equal(example.GetProperty("extendedHash").GetString(), extended);
    }

    [Fact]
    public void The_tracking_code_follows_from_the_documented_fields_of_the_ballot()
    {
        var example = Example;
        var ballot = example.GetProperty("ballot");
        var contests = ballot.GetProperty("contests").EnumerateArray().ToList();
        var fields = new Fields("ballotline/v1/ballot").Text(ballot.GetProperty("version").GetString()!).Text(ballot.GetProperty("contextHash").GetString()!).Int(contests.Count);
        void Scalars(JsonElement list)
        {
            fields.Int(list.GetArrayLength());
            foreach (var scalar in list.EnumerateArray())
            {
                fields.Scalar(scalar.GetString()!);
            }
        }

        foreach (var contest in contests)
        {
            var selections = contest.GetProperty("selections").EnumerateArray().ToList();
            fields.Text(contest.GetProperty("contestId").GetString()!).Int(selections.Count);
            foreach (var selection in selections)
            {
                fields.Text(selection.GetProperty("candidateId").GetString()!)
                    .Point(selection.GetProperty("ciphertext").GetProperty("pad").GetString()!).Point(selection.GetProperty("ciphertext").GetProperty("data").GetString()!);
                Scalars(selection.GetProperty("proof").GetProperty("challenges"));
                Scalars(selection.GetProperty("proof").GetProperty("responses"));
            }

            Scalars(contest.GetProperty("sumProof").GetProperty("challenges"));
            Scalars(contest.GetProperty("sumProof").GetProperty("responses"));
        }

        Assert.Equal(example.GetProperty("trackingCodeInput").GetString(), Convert.ToHexStringLower(fields.Input));
        Assert.Equal(example.GetProperty("trackingCode").GetString(), fields.Sha256());
        Assert.Equal(example.GetProperty("extendedHash").GetString(), ballot.GetProperty("contextHash").GetString());
        var leaf = Convert.ToHexStringLower(SHA256.HashData([0x00, .. Convert.FromHexString(fields.Sha256())]));
        Assert.Equal(example.GetProperty("ballotLogLeaf").GetString(), leaf);
    }
}
