using System.Text.Json.Nodes;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;
using Ballotline.Crypto.Serialization;
using Ballotline.Crypto.Tally;

namespace Ballotline.Crypto.Tests;

/// <summary>
/// Generates the shared test vectors in tests/vectors from fixed seeds. Independent implementations (the
/// browser's JavaScript, third-party verifiers) check themselves against the committed files.
/// </summary>
internal static class TestVectorSet
{
    public static IReadOnlyDictionary<string, string> Generate() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["group.json"] = Write(Group()),
        ["transcript.json"] = Write(Transcripts()),
        ["elgamal.json"] = Write(ElGamal()),
        ["proofs.json"] = Write(Proofs()),
        ["ballot.json"] = Write(Ballot()),
        ["ballot-encryption.json"] = Write(BallotEncryption()),
        ["tally.json"] = Write(TallyVector()),
        ["worked-example.json"] = Write(WorkedExample()),
    };

    /// <summary>
    /// One labelled 1-of-1 election and one ballot with every intermediate value of docs/cryptography.md's table:
    /// the hashes a second implementation computes first, and the exact bytes the tracking code hashes.
    /// </summary>
    private static JsonObject WorkedExample()
    {
        var manifest = new Election.ElectionManifest("town-2026", [Election.ContestDescription.ChooseExactly("mayor", 1, "alice", "bob", "carol")])
        {
            Labels = new Election.ManifestLabels("Town pilot 2026", [new Election.ContestLabels("Mayor", ["Alice Martin", "Bob Lee", "Carol Díaz"])]),
        };
        var nonces = NonceSource.Deterministic("worked-example"u8);
        var polynomial = Trustees.TrusteePolynomial.Generate(1, 1, nonces);
        var baseHash = Election.ElectionContext.ComputeBaseHash(manifest, 1, 1);
        var commitment = polynomial.Commit(baseHash, nonces);
        var context = Trustees.KeyCeremony.CreateContext(manifest, 1, 1, [commitment]);
        var plaintext = PlaintextBallot.ForContest("mayor", "bob");
        var ballot = BallotEncryptor.Encrypt(context, plaintext, nonces).Ballot;
        var code = ballot.TrackingCode;
        return new JsonObject
        {
            ["description"] = "A worked example of docs/cryptography.md ('Every hashed value, field by field'): a labelled 1-of-1 election and one ballot. "
                + "Recompute manifestHash, baseHash, commitmentsHash and extendedHash from the manifest and commitments; trackingCodeInput is every byte the "
                + "tracking code hashes (SHA-256 of it is trackingCode); ballotLogLeaf is the RFC 9162 leaf SHA-256(0x00 || tracking code bytes); "
                + "proofCommitments are the ballot's range proofs' commitments as a v4 election record publishes them beside it (docs/election-record.md).",
            ["manifest"] = Node(manifest),
            ["manifestHash"] = Convert.ToHexStringLower(manifest.Hash()),
            ["trustees"] = 1,
            ["quorum"] = 1,
            ["baseHash"] = Convert.ToHexStringLower(baseHash),
            ["commitments"] = Node(new[] { commitment }),
            ["commitmentsHash"] = Convert.ToHexStringLower(Trustees.KeyCeremony.CommitmentsHash([commitment])),
            ["publicKey"] = context.PublicKey.Element.ToHex(),
            ["extendedHash"] = context.ExtendedHashHex,
            ["plaintext"] = Node(plaintext),
            ["ballot"] = Node(ballot),
            ["trackingCodeInput"] = Convert.ToHexStringLower(ballot.CanonicalInput()),
            ["trackingCode"] = code.FullHex,
            ["trackingCodeShort"] = code.ShortCode,
            ["ballotLogLeaf"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([0x00, .. Convert.FromHexString(code.FullHex)])),
            ["proofCommitments"] = new JsonArray([.. BallotVerifier.ProofCommitments(context, ballot, PublicArithmetic.BouncyCastle).Select(c => (JsonNode)Convert.ToHexStringLower(c))]),
        };
    }

    private static string Write(JsonNode node) => node.ToJsonString(CryptoJson.IndentedOptions) + "\n";

    private static JsonNode Node<T>(T value) => JsonNode.Parse(CryptoJson.Serialize(value))!;

    private static JsonObject Group()
    {
        var powers = new JsonArray();
        foreach (var k in new[] { "1", "2", "3", "255", "65536", "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140" })
        {
            var scalar = k.Length == 64 ? Scalar.FromHex(k) : Scalar.FromInt64(long.Parse(k, System.Globalization.CultureInfo.InvariantCulture));
            powers.Add(new JsonObject { ["scalar"] = scalar.ToHex(), ["point"] = GroupElement.GeneratorPower(scalar).ToHex() });
        }

        return new JsonObject
        {
            ["description"] = "secp256k1: scalars are 32-byte big-endian hex below n; points are SEC1 compressed (33 bytes) hex. 'generatorPowers' lists g^scalar; 'invalidPoints' and 'invalidScalars' must be rejected with the named check.",
            ["generator"] = GroupElement.Generator.ToHex(),
            ["order"] = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
            ["generatorPowers"] = powers,
            ["invalidPoints"] = new JsonArray(
                Invalid("02" + new string('0', 63) + "5", "point.on-curve", "x = 5 has no point on the curve"),
                Invalid("02fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", "point.range", "x equals the field prime"),
                Invalid("04" + GroupElement.Generator.ToHex()[2..], "point.prefix", "uncompressed prefix"),
                Invalid(new string('0', 66), "point.identity", "the identity"),
                Invalid(GroupElement.Generator.ToHex()[..64], "point.length", "32 bytes")),
            ["invalidScalars"] = new JsonArray(
                Invalid("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", "scalar.range", "equal to the order n"),
                Invalid("01", "scalar.length", "one byte")),
        };
    }

    private static JsonObject Invalid(string hex, string check, string why) => new() { ["hex"] = hex, ["check"] = check, ["why"] = why };

    private static JsonObject Transcripts()
    {
        var a = new Transcript("ballotline/v1/example").Text("mayor").Number(3).Element(Scalar.FromInt64(5)).Element(GroupElement.Generator).Bytes([0xde, 0xad]);
        return new JsonObject
        {
            ["description"] = "Hash input: for each field, a tag byte (01 domain label, 02 bytes, 03 scalar, 04 point, 05 int64, 06 UTF-8 text), its length as 4-byte big-endian, then its bytes. SHA-256 over the concatenation.",
            ["fields"] = new JsonArray(
                new JsonObject { ["label"] = "ballotline/v1/example" },
                new JsonObject { ["text"] = "mayor" },
                new JsonObject { ["int64"] = 3 },
                new JsonObject { ["scalar"] = Scalar.FromInt64(5).ToHex() },
                new JsonObject { ["point"] = GroupElement.Generator.ToHex() },
                new JsonObject { ["bytes"] = "dead" }),
            ["sha256"] = Convert.ToHexStringLower(a.Digest()),
        };
    }

    private static JsonObject ElGamal()
    {
        var keys = new ElGamalKeyPair(Scalar.FromHex("1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988"));
        var cases = new JsonArray();
        foreach (var (message, nonce) in new[] { (0L, 11L), (1L, 12L), (1L, 13L), (5L, 14L) })
        {
            var encryption = keys.PublicKey.Encrypt(message, Scalar.FromInt64(nonce * 1_000_003));
            cases.Add(new JsonObject { ["message"] = message, ["nonce"] = encryption.Nonce.ToHex(), ["ciphertext"] = Node(encryption.Ciphertext) });
        }

        return new JsonObject
        {
            ["description"] = "Exponential ElGamal: pad = g^nonce, data = K^nonce · g^message.",
            ["secretKey"] = keys.SecretKey.ToHex(),
            ["publicKey"] = keys.PublicKey.Element.ToHex(),
            ["encryptions"] = cases,
        };
    }

    private static JsonObject Proofs()
    {
        var nonces = NonceSource.Deterministic("proofs"u8);
        var keys = ElGamalKeyPair.Generate(nonces);
        var context = new ProofContext(new byte[32], "contest/mayor/selection/alice");
        var one = keys.PublicKey.Encrypt(1, nonces.NextScalar());
        var range = RangeProof.Prove(one, 1, 0, 1, keys.PublicKey, context, nonces);
        var share = one.Ciphertext.Pad.Power(keys.SecretKey);
        var decryption = DecryptionProof.Prove(one.Ciphertext, keys.SecretKey, keys.PublicKey.Element, share, context, nonces);
        var schnorr = SchnorrProof.Prove(keys.SecretKey, keys.PublicKey.Element, context, nonces);
        var tampered = range with { Responses = [range.Responses[1], range.Responses[0]] };
        return new JsonObject
        {
            ["description"] = "Proofs bound to electionHash (hex) and subject. Each 'valid' entry verifies; each 'invalid' entry fails with the named check.",
            ["electionHash"] = Convert.ToHexStringLower(context.ElectionHash.Span),
            ["subject"] = context.Subject,
            ["publicKey"] = keys.PublicKey.Element.ToHex(),
            ["rangeProof"] = new JsonObject { ["min"] = 0, ["max"] = 1, ["ciphertext"] = Node(one.Ciphertext), ["proof"] = Node(range) },
            ["rangeProofTampered"] = new JsonObject { ["min"] = 0, ["max"] = 1, ["ciphertext"] = Node(one.Ciphertext), ["proof"] = Node(tampered), ["check"] = "challenge" },
            ["decryptionProof"] = new JsonObject { ["ciphertext"] = Node(one.Ciphertext), ["share"] = share.ToHex(), ["proof"] = Node(decryption) },
            ["schnorrProof"] = Node(schnorr),
        };
    }

    private static JsonObject Ballot()
    {
        var election = TestElection.Create(TestElection.TwoContests(), seed: "ballot-vector");
        var plaintext = new PlaintextBallot([new("chair", ["cat"]), new("committee", ["eve", "gus"])]);
        var result = BallotEncryptor.Encrypt(election.Context, plaintext, election.Nonces);
        return new JsonObject
        {
            ["description"] = "A 1-of-1 election: rebuild the context from manifest + commitments, check extendedHash, verify the ballot, and recompute both tracking code forms. 'nonces' opens each selection (contest by contest).",
            ["manifest"] = Node(election.Manifest),
            ["trustees"] = 1,
            ["quorum"] = 1,
            ["commitments"] = Node(election.Commitments),
            ["publicKey"] = election.Context.PublicKey.Element.ToHex(),
            ["extendedHash"] = election.Context.ExtendedHashHex,
            ["plaintext"] = Node(plaintext),
            ["nonces"] = Node(result.Secrets.SelectionNonces),
            ["ballot"] = Node(result.Ballot),
            ["trackingCode"] = result.Ballot.TrackingCode.FullHex,
            ["trackingCodeShort"] = result.Ballot.TrackingCode.ShortCode,
        };
    }

    /// <summary>
    /// Encryption itself, reproducible: the ballot vector's election, a fresh deterministic nonce source, and the
    /// exact ballot it must produce. An implementation drawing nonces in the library's order (per contest, per
    /// candidate: the selection nonce, then the selection proof's u and each fake branch's c and v; then the sum
    /// proof's) produces it byte for byte — the browser's JavaScript does.
    /// </summary>
    private static JsonObject BallotEncryption()
    {
        var election = TestElection.Create(TestElection.TwoContests(), seed: "ballot-vector");
        var plaintext = new PlaintextBallot([new("chair", ["ann"]), new("committee", ["dan", "fay", "gus"])]);
        var seed = "browser-vector"u8.ToArray();
        var firstNonces = NonceSource.Deterministic(seed);
        var result = BallotEncryptor.Encrypt(election.Context, plaintext, NonceSource.Deterministic(seed));
        return new JsonObject
        {
            ["description"] = "Deterministic encryption: nonces are HMAC-SHA-256(seed, 0x00 || counter as int64 BE) || HMAC-SHA-256(seed, 0x01 || counter) read as a 512-bit big-endian integer mod n, counter from 1. Encrypting 'plaintext' for 'publicKey' and 'extendedHash' with nonces from 'seed' (UTF-8) gives 'ballot' exactly.",
            ["seed"] = "browser-vector",
            ["firstNonces"] = new JsonArray(firstNonces.NextScalar().ToHex(), firstNonces.NextScalar().ToHex(), firstNonces.NextScalar().ToHex()),
            ["manifest"] = Node(election.Manifest),
            ["publicKey"] = election.Context.PublicKey.Element.ToHex(),
            ["extendedHash"] = election.Context.ExtendedHashHex,
            ["plaintext"] = Node(plaintext),
            ["nonces"] = Node(result.Secrets.SelectionNonces),
            ["ballot"] = Node(result.Ballot),
            ["trackingCode"] = result.Ballot.TrackingCode.FullHex,
            ["trackingCodeShort"] = result.Ballot.TrackingCode.ShortCode,
        };
    }

    private static JsonObject TallyVector()
    {
        var election = TestElection.Create(trustees: 3, quorum: 2, seed: "tally-vector");
        string[] votes = ["alice", "carol", "carol", "erin"];
        var ballots = votes.Select(v => BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", v), election.Nonces).Ballot).ToArray();
        var tally = new EncryptedTally(election.Manifest);
        foreach (var ballot in ballots)
        {
            tally.Add(ballot);
        }

        var partials = new[] { election.Keys[0], election.Keys[2] }.Select(k => k.Decrypt(election.Context, tally.Ciphertexts(), election.Nonces)).ToArray();
        var result = TallyDecryptor.Decrypt(election.Context, election.Commitments, tally, partials);
        return new JsonObject
        {
            ["description"] = "A 2-of-3 election with trustee 2 absent: verify each ballot, multiply them into the encrypted totals, check each partial decryption proof against g^s_l, combine with Lagrange coefficients and check the counts.",
            ["manifest"] = Node(election.Manifest),
            ["trustees"] = 3,
            ["quorum"] = 2,
            ["commitments"] = Node(election.Commitments),
            ["extendedHash"] = election.Context.ExtendedHashHex,
            ["ballots"] = Node(ballots),
            ["result"] = Node(result),
        };
    }
}
