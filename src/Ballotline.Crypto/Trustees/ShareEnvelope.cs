using System.Security.Cryptography;
using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.Trustees;

/// <summary>
/// A trustee's share P_dealer(recipient) sealed to the recipient's transport key, so that the server can relay the
/// key ceremony without reading it: ECDH on secp256k1 with a fresh ephemeral key, the shared secret hashed with
/// the election's base hash and both indices into an AES-256-GCM key, the indices as associated data. A share
/// moved to another recipient, election or dealer fails to open.
/// </summary>
public sealed record ShareEnvelope(int Dealer, int Recipient, GroupElement Ephemeral, string Nonce, string Ciphertext)
{
    private const int TagSize = 16;

    /// <summary>Encrypts a dealer's share for its recipient's transport key, bound to the ceremony's base hash and both indices, so that only the recipient opens it and only for this election.</summary>
    public static ShareEnvelope Seal(Scalar share, int dealer, int recipient, GroupElement recipientTransportKey, ReadOnlySpan<byte> baseHash)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(recipientTransportKey);
        var ephemeral = Scalar.Random();
        var ephemeralPublic = GroupElement.GeneratorSecretPower(ephemeral);
        var key = Key(recipientTransportKey.SecretPower(ephemeral), ephemeralPublic, dealer, recipient, baseHash);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plaintext = share.Encode();
        var ciphertext = new byte[plaintext.Length + TagSize];
        using (var gcm = new AesGcm(key, TagSize))
        {
            gcm.Encrypt(nonce, plaintext, ciphertext.AsSpan(0, plaintext.Length), ciphertext.AsSpan(plaintext.Length), AssociatedData(dealer, recipient));
        }

        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(plaintext);
        return new ShareEnvelope(dealer, recipient, ephemeralPublic, Convert.ToHexStringLower(nonce), Convert.ToHexStringLower(ciphertext));
    }

    /// <summary>Opens the envelope with the recipient's transport secret; a tampered or misaddressed envelope names its dealer.</summary>
    public Scalar Open(Scalar transportSecret, ReadOnlySpan<byte> baseHash)
    {
        ArgumentNullException.ThrowIfNull(transportSecret);
        var key = Key(Ephemeral.SecretPower(transportSecret), Ephemeral, Dealer, Recipient, baseHash);
        try
        {
            var sealedBytes = Convert.FromHexString(Ciphertext);
            if (sealedBytes.Length != 32 + TagSize)
            {
                throw new TrusteeException([Dealer], "ceremony.share-envelope", $"The share from trustee {Dealer} is not a sealed 32-byte share.");
            }

            var plaintext = new byte[32];
            using var gcm = new AesGcm(key, TagSize);
            gcm.Decrypt(Convert.FromHexString(Nonce), sealedBytes.AsSpan(0, 32), sealedBytes.AsSpan(32), plaintext, AssociatedData(Dealer, Recipient));
            return Scalar.Decode(plaintext);
        }
        catch (Exception e) when (e is AuthenticationTagMismatchException or FormatException or ArgumentException or CryptoFormatException)
        {
            throw new TrusteeException([Dealer], "ceremony.share-envelope", $"The share from trustee {Dealer} to trustee {Recipient} does not open: it was altered, or sealed for another trustee or election.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] Key(GroupElement shared, GroupElement ephemeral, int dealer, int recipient, ReadOnlySpan<byte> baseHash) =>
        new Transcript("ballotline/v1/share-envelope").Bytes(baseHash).Number(dealer).Number(recipient).Element(ephemeral).Element(shared).Digest();

    private static byte[] AssociatedData(int dealer, int recipient) =>
        System.Text.Encoding.ASCII.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ballotline/v1/share/{dealer}/{recipient}"));
}
