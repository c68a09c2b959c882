using System.Security.Cryptography;
using Library = Secp256k1Net.Secp256k1;

namespace Ballotline.Crypto.Group;

/// <summary>
/// A constant-time fixed-base comb for one point raised to many secret exponents — an election's key K, which
/// every encryption nonce and every proof nonce raises. Entry (i, d) is d·32^i·K + g for each base-32 digit
/// position i and every digit d, 0 included; K^k is the sum of one entry per window, less 52·g (folded into
/// window 0's entries, so nothing is subtracted afterwards). Every entry of a window is read and the wanted one kept
/// by masking, so the memory touched does not depend on k, and libsecp256k1 adds the 52 chosen entries
/// (<c>secp256k1_ec_pubkey_combine</c>: its addition, <c>secp256k1_gej_add_ge</c>, is the complete constant-time
/// one that its own generator multiplication uses, and its final conversion inverts in constant time). About half
/// the time of <c>secp256k1_ec_pubkey_tweak_mul</c>'s ladder; ~104 KB per key, built once in ~1,700 additions.
/// </summary>
/// <remarks>
/// A key for which an entry would be the identity (d·K = 51·g for a digit d of window 0, or d·32^i·K = −g: a key made
/// for it, which honest key generation hits with probability ~2^-245) has no table; <see cref="TryBuild"/> says so and
/// the caller multiplies by <c>secp256k1_ec_pubkey_tweak_mul</c>, as before.
/// </remarks>
internal sealed class SecretPowerTable
{
    private const int WindowBits = 5;
    private const int Windows = (256 + WindowBits - 1) / WindowBits; // 52; the last holds bit 255 alone
    private const int Digits = 1 << WindowBits;
    private const int Entry = ConstantTime.NativeLength;

    // Per thread: the chosen entries, handed to libsecp256k1 and wiped after each multiplication.
    [ThreadStatic]
    private static byte[][]? t_chosen;

    // Window i's digit d at ((i · 32) + d) · 64, in libsecp256k1's 64-byte form; one array, scanned window by window.
    private readonly byte[] _entries;

    private SecretPowerTable(byte[] entries) => _entries = entries;

    /// <summary>How many of the last window's digits can occur: an exponent is below n &lt; 2^256, so bit 255 alone.</summary>
    private static int DigitsIn(int window) => window == Windows - 1 ? 1 << (256 - (WindowBits * window)) : Digits;

    /// <summary>The table for a public base in native form, or null when one of its entries would be the identity (libsecp256k1 must be loaded).</summary>
    public static SecretPowerTable? TryBuild(ReadOnlySpan<byte> nativeBase)
    {
        var library = Libsecp256k1.Current;
        var generator = GeneratorMultiple(library, 1);
        var offsetOfFirstWindow = GeneratorMultiple(library, 1 - Windows);
        var entries = new byte[Windows * Digits * Entry];
        var windowBase = nativeBase.ToArray(); // 32^i·K
        var thirtyTwo = new byte[Scalar.EncodedLength];
        thirtyTwo[^1] = Digits;
        var sum = new byte[Entry];
        for (var i = 0; i < Windows; i++)
        {
            // Digit 0 is the offset alone: g, or −51·g in window 0 (so that the 52 offsets sum to the identity).
            var previous = i == 0 ? offsetOfFirstWindow : generator;
            previous.CopyTo(entries.AsSpan(i * Digits * Entry, Entry));
            for (var d = 1; d < DigitsIn(i); d++)
            {
                if (!library.EcPubkeyCombine(sum, [previous, windowBase]))
                {
                    return null;
                }

                previous = sum.ToArray();
                previous.CopyTo(entries.AsSpan(((i * Digits) + d) * Entry, Entry));
            }

            if (i < Windows - 1 && !library.EcPubkeyTweakMul(windowBase, thirtyTwo))
            {
                return null;
            }
        }

        return new SecretPowerTable(entries);
    }

    /// <summary>
    /// base^secret · extra₁ · extra₂ …, in constant time in the secret, in native form; throws when the result is the
    /// identity (a zero secret with no extra points, or a sum an honest computation reaches with probability 2^-256).
    /// </summary>
    public byte[] Power(Scalar secret, params ReadOnlySpan<byte[]> extra)
    {
        var chosen = t_chosen ??= NewChosen();
        var terms = new byte[Windows + extra.Length][];
        var bytes = secret.Encode();
        try
        {
            for (var i = 0; i < Windows; i++)
            {
                Choose(i, Scalar.Digit(bytes, i, WindowBits), chosen[i]);
                terms[i] = chosen[i];
            }

            extra.CopyTo(terms.AsSpan(Windows));
            var result = new byte[Entry];
            return Libsecp256k1.Current.EcPubkeyCombine(result, terms)
                ? result
                : throw new CryptographicException("A secret power came out as the identity, which honest randomness gives with probability 2^-256; compute again with fresh randomness.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            foreach (var entry in chosen)
            {
                CryptographicOperations.ZeroMemory(entry);
            }
        }
    }

    // m·g in native form for a small public m.
    private static byte[] GeneratorMultiple(Library library, long m)
    {
        var point = new byte[Entry];
        return library.EcPubkeyCreate(point, Scalar.FromInt64(m).Encode())
            ? point
            : throw new InvalidOperationException("libsecp256k1 could not multiply the generator.");
    }

    private static byte[][] NewChosen()
    {
        var chosen = new byte[Windows][];
        for (var i = 0; i < Windows; i++)
        {
            chosen[i] = new byte[Entry];
        }

        return chosen;
    }

    // Copies entry (window, digit) into target, reading every entry of the window (ConstantTime.Select).
    private void Choose(int window, int digit, byte[] target) =>
        ConstantTime.Select(_entries.AsSpan(window * Digits * Entry, DigitsIn(window) * Entry), digit, target);
}
