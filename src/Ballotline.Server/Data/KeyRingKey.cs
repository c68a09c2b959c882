namespace Ballotline.Server.Data;

/// <summary>The key-encryption key for the data-protection key ring (see <see cref="KeyRingEncryptor"/>).</summary>
public sealed class KeyRingKey(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;
}
