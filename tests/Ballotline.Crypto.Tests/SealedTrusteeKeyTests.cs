using Ballotline.Crypto.Group;
using Ballotline.Crypto.Trustees;

namespace Ballotline.Crypto.Tests;

/// <summary>A trustee key sealed under a passphrase opens with that passphrase, for that election, and nothing else.</summary>
public sealed class SealedTrusteeKeyTests
{
    private static readonly byte[] BaseHash = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Fact]
    public void A_sealed_key_opens_with_its_passphrase_for_its_election_only()
    {
        var secret = Scalar.Random();
        var sealedKey = SealedTrusteeKey.Seal(secret, "correct horse battery staple", BaseHash);

        Assert.Equal(secret, sealedKey.Open("correct horse battery staple", BaseHash));
        Assert.Equal("key.passphrase", Assert.Throws<TrusteeException>(() => sealedKey.Open("correct horse battery stapler", BaseHash)).Check);
        var otherElection = (byte[])BaseHash.Clone();
        otherElection[0] ^= 1;
        Assert.Equal("key.passphrase", Assert.Throws<TrusteeException>(() => sealedKey.Open("correct horse battery staple", otherElection)).Check);
        Assert.DoesNotContain(secret.ToHex(), sealedKey.Ciphertext, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_sealing_draws_a_fresh_salt_and_nonce_and_a_flipped_bit_is_refused()
    {
        var secret = Scalar.Random();
        var first = SealedTrusteeKey.Seal(secret, "correct horse battery staple", BaseHash);
        var second = SealedTrusteeKey.Seal(secret, "correct horse battery staple", BaseHash);
        Assert.NotEqual(first.Salt, second.Salt);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);

        var tampered = first with { Ciphertext = (first.Ciphertext[0] == '0' ? "1" : "0") + first.Ciphertext[1..] };
        Assert.Throws<TrusteeException>(() => tampered.Open("correct horse battery staple", BaseHash));
        var cheaper = first with { MemoryKiB = 4 };
        Assert.Equal("key.format", Assert.Throws<TrusteeException>(() => cheaper.Open("correct horse battery staple", BaseHash)).Check);
    }

    [Fact]
    public void A_passphrase_outside_ascii_is_used_as_utf8_exactly_as_typed()
    {
        var secret = Scalar.Random();
        var sealedKey = SealedTrusteeKey.Seal(secret, "cl\u00e9 de l'\u00e9lection \u2013 2026", BaseHash);
        Assert.Equal(secret, sealedKey.Open("cl\u00e9 de l'\u00e9lection \u2013 2026", BaseHash));
        Assert.Throws<TrusteeException>(() => sealedKey.Open("cle de l'election - 2026", BaseHash));
    }

    [Theory]
    [InlineData(null, "key.passphrase-short")]
    [InlineData("", "key.passphrase-short")]
    [InlineData("eleven char", "key.passphrase-short")]
    public void A_passphrase_too_short_to_resist_guessing_is_refused(string? passphrase, string check) =>
        Assert.Equal(check, Assert.Throws<TrusteeException>(() => SealedTrusteeKey.CheckPassphrase(passphrase)).Check);

    [Fact]
    public void A_passphrase_longer_than_the_limit_is_refused() =>
        Assert.Equal("key.passphrase-long", Assert.Throws<TrusteeException>(() => SealedTrusteeKey.CheckPassphrase(new string('x', SealedTrusteeKey.MaximumPassphraseLength + 1))).Check);
}
