using Ballotline.Crypto.Group;
using Ballotline.Crypto.Trustees;

namespace Ballotline.Crypto.Tests;

/// <summary>Shares relayed between trustees through the server, sealed so that only their recipient opens them.</summary>
public sealed class ShareEnvelopeTests
{
    private static readonly byte[] BaseHash = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Fact]
    public void Only_the_recipient_opens_a_sealed_share_and_gets_it_back_exactly()
    {
        var transport = Scalar.Random();
        var share = Scalar.Random();

        var envelope = ShareEnvelope.Seal(share, dealer: 2, recipient: 4, GroupElement.GeneratorPower(transport), BaseHash);

        Assert.Equal(share, envelope.Open(transport, BaseHash));
        var someoneElse = Assert.Throws<TrusteeException>(() => envelope.Open(Scalar.Random(), BaseHash));
        Assert.Equal("ceremony.share-envelope", someoneElse.Check);
        Assert.Equal([2], someoneElse.Trustees);
    }

    [Fact]
    public void An_envelope_moved_to_another_recipient_election_or_altered_does_not_open()
    {
        var transport = Scalar.Random();
        var envelope = ShareEnvelope.Seal(Scalar.Random(), 1, 3, GroupElement.GeneratorPower(transport), BaseHash);

        Assert.Throws<TrusteeException>(() => (envelope with { Recipient = 2 }).Open(transport, BaseHash));
        Assert.Throws<TrusteeException>(() => (envelope with { Dealer = 5 }).Open(transport, BaseHash));
        Assert.Throws<TrusteeException>(() => envelope.Open(transport, new byte[32]));
        var flipped = (envelope.Ciphertext[0] == '0' ? "1" : "0") + envelope.Ciphertext[1..];
        Assert.Throws<TrusteeException>(() => (envelope with { Ciphertext = flipped }).Open(transport, BaseHash));
        Assert.Throws<TrusteeException>(() => (envelope with { Ciphertext = "zz" }).Open(transport, BaseHash));
    }
}
