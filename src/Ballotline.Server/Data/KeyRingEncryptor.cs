using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Ballotline.Server.Data;

/// <summary>
/// Encrypts ASP.NET Core data-protection keys (which in turn protect cookies, tokens and the trustee key)
/// with AES-256-GCM before they are stored in the database, so the database never holds them in the clear.
/// The key-encryption key comes from <c>DataProtection:KeyRingKey</c> (base64, 32 bytes; give every instance
/// the same one) or, by default, from a file created once in the data directory with owner-only access.
/// </summary>
public sealed class KeyRingEncryptor(KeyRingKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(12);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key.Bytes, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        }

        var element = new XElement("ballotlineEncryptedKey",
            new XAttribute("nonce", Convert.ToBase64String(nonce)),
            new XAttribute("tag", Convert.ToBase64String(tag)),
            Convert.ToBase64String(ciphertext));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }

    /// <summary>The configured key, or the data directory's key file (created on first use).</summary>
    public static byte[] LoadKey(IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["DataProtection:KeyRingKey"] is { Length: > 0 } configured)
        {
            var bytes = Convert.FromBase64String(configured);
            return bytes.Length == 32 ? bytes : throw new InvalidOperationException("DataProtection:KeyRingKey must be 32 bytes, base64-encoded.");
        }

        var path = Path.Combine(dataDirectory, "keyring.key");
        var key = Infrastructure.SecretFiles.ReadOrCreate(path, () => RandomNumberGenerator.GetBytes(32));
        return key.Length == 32 ? key : throw new InvalidOperationException($"{path} must hold exactly 32 bytes.");
    }
}
