using System.Security.Cryptography;
using System.Text;

namespace Ballotline.Server.Infrastructure;

/// <summary>Unguessable one-time tokens (invitations, setup). Only their SHA-256 is ever stored.</summary>
public static class Tokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
