using System.Text.Json.Nodes;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Election;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Tally;
using Ballotline.Crypto.Trustees;

namespace Ballotline.Crypto.Tests;

/// <summary>
/// The committed vectors must equal what the library generates (set BALLOTLINE_UPDATE_VECTORS=1 to rewrite
/// them after an intended change), and must verify when read back as an independent implementation would.
/// </summary>
public sealed class TestVectorTests
{
    public static TheoryData<string> Files => [.. TestVectorSet.Generate().Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public void The_committed_vector_file_matches_what_the_library_generates(string file)
    {
        var generated = TestVectorSet.Generate()[file];
        var path = Path.Combine(RepositoryPaths.Vectors, file);
        if (Environment.GetEnvironmentVariable("BALLOTLINE_UPDATE_VECTORS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests once with BALLOTLINE_UPDATE_VECTORS=1.");
        Assert.Equal(generated, File.ReadAllText(path));
    }

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Vectors, file)))!;

    private static T Read<T>(JsonNode? node) => CryptoJson.Deserialize<T>(node!.ToJsonString());

    [Fact]
    public void The_group_vectors_hold_and_every_invalid_encoding_fails_its_named_check()
    {
        var v = Load("group.json");
        foreach (var power in v["generatorPowers"]!.AsArray())
        {
            Assert.Equal((string)power!["point"]!, GroupElement.GeneratorPower(Scalar.FromHex((string)power["scalar"]!)).ToHex());
        }

        foreach (var bad in v["invalidPoints"]!.AsArray())
        {
            var hex = (string)bad!["hex"]!;
            var e = Assert.Throws<CryptoFormatException>(() => GroupElement.Decode(Convert.FromHexString(hex)));
            Assert.Equal((string)bad["check"]!, e.Check);
        }

        foreach (var bad in v["invalidScalars"]!.AsArray())
        {
            Assert.Equal((string)bad!["check"]!, Assert.Throws<CryptoFormatException>(() => Scalar.Decode(Convert.FromHexString((string)bad["hex"]!))).Check);
        }
    }

    [Fact]
    public void The_elgamal_vectors_decrypt_to_their_messages()
    {
        var v = Load("elgamal.json");
        var secret = Scalar.FromHex((string)v["secretKey"]!);
        foreach (var e in v["encryptions"]!.AsArray())
        {
            var ciphertext = Read<ElGamalCiphertext>(e!["ciphertext"]);
            Assert.Equal(GroupElement.GeneratorPower((long)e["message"]!), ciphertext.DecryptToPower(secret));
        }
    }

    [Fact]
    public void The_proof_vectors_verify_and_the_tampered_one_does_not()
    {
        var v = Load("proofs.json");
        var context = new ProofContext(Convert.FromHexString((string)v["electionHash"]!), (string)v["subject"]!);
        var key = new ElGamalPublicKey(GroupElement.FromHex((string)v["publicKey"]!));
        var range = v["rangeProof"]!;
        Assert.Null(Read<RangeProof>(range["proof"]).Verify(Read<ElGamalCiphertext>(range["ciphertext"]), 0, 1, key, context));
        var tampered = v["rangeProofTampered"]!;
        Assert.Equal((string)tampered["check"]!, Read<RangeProof>(tampered["proof"]).Verify(Read<ElGamalCiphertext>(tampered["ciphertext"]), 0, 1, key, context)?.Check);
        var decryption = v["decryptionProof"]!;
        Assert.Null(Read<DecryptionProof>(decryption["proof"]).Verify(Read<ElGamalCiphertext>(decryption["ciphertext"]), key.Element, GroupElement.FromHex((string)decryption["share"]!), context));
        Assert.Null(Read<SchnorrProof>(v["schnorrProof"]).Verify(key.Element, context));
    }

    [Fact]
    public void The_ballot_vector_rebuilds_its_context_verifies_and_opens_to_its_plaintext()
    {
        var v = Load("ballot.json");
        var manifest = Read<ElectionManifest>(v["manifest"]);
        var context = KeyCeremony.CreateContext(manifest, (int)v["trustees"]!, (int)v["quorum"]!, Read<TrusteeCommitment[]>(v["commitments"]));
        Assert.Equal((string)v["extendedHash"]!, context.ExtendedHashHex);
        var ballot = Read<EncryptedBallot>(v["ballot"]);
        Assert.True(BallotVerifier.Verify(context, ballot).IsValid);
        Assert.Equal((string)v["trackingCode"]!, ballot.TrackingCode.FullHex);
        Assert.Equal((string)v["trackingCodeShort"]!, ballot.TrackingCode.ShortCode);

        var nonces = Read<Scalar[][]>(v["nonces"]);
        var plaintext = Read<PlaintextBallot>(v["plaintext"]);
        for (var c = 0; c < manifest.Contests.Count; c++)
        {
            var chosen = plaintext.Contests.Single(p => p.ContestId == manifest.Contests[c].Id).Selected;
            for (var s = 0; s < manifest.Contests[c].Candidates.Count; s++)
            {
                var vote = chosen.Contains(manifest.Contests[c].Candidates[s]) ? 1 : 0;
                Assert.Equal(context.PublicKey.Encrypt(vote, nonces[c][s]).Ciphertext, ballot.Contests[c].Selections[s].Ciphertext);
            }
        }
    }

    [Fact]
    public void The_tally_vector_verifies_from_public_data()
    {
        var v = Load("tally.json");
        var manifest = Read<ElectionManifest>(v["manifest"]);
        var commitments = Read<TrusteeCommitment[]>(v["commitments"]);
        var context = KeyCeremony.CreateContext(manifest, (int)v["trustees"]!, (int)v["quorum"]!, commitments);
        var result = Read<TallyResult>(v["result"]);
        var verification = TallyVerifier.Verify(context, commitments, Read<EncryptedBallot[]>(v["ballots"]), result);
        Assert.True(verification.IsValid, verification.ToString());
        Assert.Equal([1L, 0, 2, 0, 1], result.Counts);
    }
}
