using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Serialization;

namespace Ballotline.Crypto.Tests;

public sealed class SerializationTests
{
    private static (TestElection Election, EncryptedBallot Ballot, string Json) Sample()
    {
        var election = TestElection.Create();
        var ballot = BallotEncryptor.Encrypt(election.Context, PlaintextBallot.ForContest("mayor", "bob"), election.Nonces).Ballot;
        return (election, ballot, CryptoJson.Serialize(ballot));
    }

    [Fact]
    public void A_ballot_round_trips_through_json_with_the_same_tracking_code()
    {
        var (election, ballot, json) = Sample();
        var parsed = CryptoJson.DeserializeBallot(json);
        Assert.Equal(ballot.TrackingCode, parsed.TrackingCode);
        Assert.True(BallotVerifier.Verify(election.Context, parsed).IsValid);
        Assert.Equal(json, CryptoJson.Serialize(parsed));
        Assert.DoesNotContain("trackingCode", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_json_is_rejected_as_json()
    {
        var (_, _, json) = Sample();
        var e = Assert.Throws<CryptoFormatException>(() => CryptoJson.DeserializeBallot(json[..(json.Length / 2)]));
        Assert.Equal("json", e.Check);
    }

    [Fact]
    public void A_point_off_the_curve_inside_the_json_is_rejected_with_the_curve_check_and_path()
    {
        var (_, ballot, json) = Sample();
        var pad = ballot.Contests[0].Selections[0].Ciphertext.Pad.ToHex();
        var offCurve = "02" + new string('0', 63) + "5";
        var e = Assert.Throws<CryptoFormatException>(() => CryptoJson.DeserializeBallot(json.Replace(pad, offCurve, StringComparison.Ordinal)));
        Assert.Equal("point.on-curve", e.Check);
        Assert.Contains("$.contests[0].selections[0].ciphertext.pad", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_canonical_scalar_inside_the_json_is_rejected()
    {
        var (_, ballot, json) = Sample();
        var response = ballot.Contests[0].SumProof.Responses[0].ToHex();
        var e = Assert.Throws<CryptoFormatException>(() => CryptoJson.DeserializeBallot(json.Replace(response, new string('f', 64), StringComparison.Ordinal)));
        Assert.Equal("scalar.range", e.Check);
    }

    [Fact]
    public void An_unknown_or_missing_field_is_rejected()
    {
        var (_, _, json) = Sample();
        Assert.Equal("json", Assert.Throws<CryptoFormatException>(() => CryptoJson.DeserializeBallot(json.Replace("{\"version\"", "{\"extra\":1,\"version\"", StringComparison.Ordinal))).Check);
        Assert.Equal("json", Assert.Throws<CryptoFormatException>(() => CryptoJson.DeserializeBallot("{\"version\":\"ballotline/ballot/v1\",\"contextHash\":\"00\"}")).Check);
        Assert.Equal("json", Assert.Throws<CryptoFormatException>(() => CryptoJson.DeserializeBallot("{\"version\":null,\"contextHash\":\"00\",\"contests\":[]}")).Check);
    }

    [Fact]
    public void The_literal_null_is_rejected()
    {
        Assert.Equal("json.null", Assert.Throws<CryptoFormatException>(() => CryptoJson.DeserializeBallot("null")).Check);
    }
}
