using System.Security.Cryptography;
using System.Text;
using Ballotline.Crypto.Group;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace Ballotline.Crypto.Trustees;

/// <summary>
/// A trustee's secret key sealed under a passphrase that is never stored: Argon2id (RFC 9106) derives a 256-bit
/// key from the passphrase and a random salt, and AES-256-GCM encrypts the 32-byte secret with the election's
/// base hash as associated data, so a sealed key opens only for the election it was made for. Whoever holds the
/// sealed key without the passphrase must guess the passphrase, paying one Argon2id evaluation per guess.
/// </summary>
public sealed record SealedTrusteeKey(string Kdf, int MemoryKiB, int Iterations, int Parallelism, string Salt, string Nonce, string Ciphertext)
{
    /// <summary>The key-derivation function's name as written in a sealed key.</summary>
    public const string Argon2id = "argon2id";

    /// <summary>OWASP's minimum Argon2id configuration (19 MiB, 2 passes, 1 lane).</summary>
    public const int DefaultMemoryKiB = 19 * 1024;

    /// <summary>Argon2id passes (OWASP's minimum configuration).</summary>
    public const int DefaultIterations = 2;

    /// <summary>The shortest passphrase accepted when sealing.</summary>
    public const int MinimumPassphraseLength = 12;

    /// <summary>The longest passphrase accepted (bounds the work an attacker can make the server do).</summary>
    public const int MaximumPassphraseLength = 1024;

    /// <summary>Seals <paramref name="secret"/> under <paramref name="passphrase"/> for the election whose base hash is <paramref name="baseHash"/>.</summary>
    public static SealedTrusteeKey Seal(Scalar secret, string passphrase, ReadOnlySpan<byte> baseHash, int memoryKiB = DefaultMemoryKiB, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(secret);
        CheckPassphrase(passphrase);
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var key = Derive(passphrase, salt, memoryKiB, iterations, 1);
        var plaintext = secret.Encode();
        var sealedBytes = new byte[plaintext.Length + 16];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), baseHash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }

        return new SealedTrusteeKey(Argon2id, memoryKiB, iterations, 1, Convert.ToHexStringLower(salt), Convert.ToHexStringLower(nonce), Convert.ToHexStringLower(sealedBytes));
    }

    /// <summary>The secret, or <see cref="TrusteeException"/> (check <c>key.passphrase</c>) when the passphrase or the election is not the one it was sealed with.</summary>
    public Scalar Open(string passphrase, ReadOnlySpan<byte> baseHash)
    {
        if (Kdf != Argon2id || MemoryKiB < 8 * Parallelism || Iterations < 1 || Parallelism < 1)
        {
            throw new TrusteeException([], "key.format", $"The sealed key names an unknown or unsafe key derivation ({Kdf}, {MemoryKiB} KiB, {Iterations} passes).");
        }

        var salt = Hex.Decode(Salt, 16, "salt");
        var nonce = Hex.Decode(Nonce, 12, "nonce");
        var sealedBytes = Hex.Decode(Ciphertext, Scalar.EncodedLength + 16, "sealed key");
        var key = Derive(passphrase ?? string.Empty, salt, MemoryKiB, Iterations, Parallelism);
        var plaintext = new byte[Scalar.EncodedLength];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(nonce, sealedBytes.AsSpan(0, Scalar.EncodedLength), sealedBytes.AsSpan(Scalar.EncodedLength), plaintext, baseHash);
            return Scalar.Decode(plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new TrusteeException([1], "key.passphrase", "The passphrase does not open this election's key.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Refuses a passphrase too short to resist guessing or too long to be sensible, with the reason.</summary>
    public static void CheckPassphrase(string? passphrase)
    {
        var length = passphrase?.Length ?? 0;
        if (length < MinimumPassphraseLength)
        {
            throw new TrusteeException([], "key.passphrase-short", $"The key passphrase must be at least {MinimumPassphraseLength} characters (a few unrelated words are easy to remember).");
        }

        if (length > MaximumPassphraseLength)
        {
            throw new TrusteeException([], "key.passphrase-long", $"The key passphrase must be at most {MaximumPassphraseLength} characters.");
        }
    }

    private static byte[] Derive(string passphrase, byte[] salt, int memoryKiB, int iterations, int parallelism)
    {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.Argon2id)
            .WithVersion(Argon2Parameters.Version13)
            .WithSalt(salt)
            .WithMemoryAsKB(memoryKiB)
            .WithIterations(iterations)
            .WithParallelism(parallelism)
            .Build();
        var generator = new Argon2BytesGenerator();
        generator.Init(parameters);
        // Exactly as typed, in UTF-8: the server runs with invariant globalization, which has no Unicode normalisation.
        var password = Encoding.UTF8.GetBytes(passphrase);
        var key = new byte[32];
        try
        {
            generator.GenerateBytes(password, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }

        return key;
    }
}
