using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
/// A key for which an entry would be the identity (k·K = 51·g or d·32^i·K = −g for a small digit: a key made for
/// it, which honest key generation hits with probability ~2^-245) has no table; <see cref="TryBuild"/> says so and
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
                Choose(i, Digit(bytes, i), chosen[i]);
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

    // Copies entry (window, digit) into target, reading every entry of the window (see Select).
    private void Choose(int window, int digit, byte[] target)
    {
        var entries = MemoryMarshal.Cast<byte, ulong>(_entries.AsSpan(window * Digits * Entry, DigitsIn(window) * Entry));
        Span<ulong> kept = stackalloc ulong[Entry / sizeof(ulong)];
        Select(entries, digit, kept, Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 64);
        MemoryMarshal.AsBytes(kept).CopyTo(target);
        kept.Clear();
    }

    /// <summary>
    /// Entry <paramref name="digit"/> of consecutive 64-byte entries, written to <paramref name="kept"/> (8 words): every
    /// entry is read and ANDed with a mask computed without a branch — (d ^ digit) − 1 is negative only when d == digit —
    /// so the memory read and the instructions run do not depend on the digit. <paramref name="registerBits"/> is the
    /// width used (512, 256 or 64: what the processor offers; the tests run all three).
    /// </summary>
    internal static void Select(ReadOnlySpan<ulong> entries, int digit, Span<ulong> kept, int registerBits)
    {
        const int Words = Entry / sizeof(ulong);
        var count = entries.Length / Words;
        kept[..Words].Clear();
        switch (registerBits)
        {
            case 512:
                var all = Vector512<ulong>.Zero; // one entry is one 512-bit register
                for (var d = 0; d < count; d++)
                {
                    all |= Vector512.Create(entries.Slice(d * Words, Words)) & Vector512.Create((ulong)(long)(((d ^ digit) - 1) >> 31));
                }

                all.CopyTo(kept);
                break;
            case 256:
                var low = Vector256<ulong>.Zero;
                var high = Vector256<ulong>.Zero;
                for (var d = 0; d < count; d++)
                {
                    var mask = Vector256.Create((ulong)(long)(((d ^ digit) - 1) >> 31));
                    low |= Vector256.Create(entries.Slice(d * Words, 4)) & mask;
                    high |= Vector256.Create(entries.Slice((d * Words) + 4, 4)) & mask;
                }

                low.CopyTo(kept);
                high.CopyTo(kept[4..]);
                break;
            default:
                for (var d = 0; d < count; d++)
                {
                    var mask = (ulong)(long)(((d ^ digit) - 1) >> 31);
                    for (var w = 0; w < Words; w++)
                    {
                        kept[w] |= entries[(d * Words) + w] & mask;
                    }
                }

                break;
        }
    }

    // Bits 5i … 5i + 4 of a 256-bit big-endian integer, least significant first; which bits are read depends on the
    // window only.
    private static int Digit(ReadOnlySpan<byte> bigEndian, int window)
    {
        var value = 0;
        for (var k = 0; k < WindowBits; k++)
        {
            var bit = (window * WindowBits) + k;
            if (bit < 256)
            {
                value |= ((bigEndian[31 - (bit >> 3)] >> (bit & 7)) & 1) << k;
            }
        }

        return value;
    }
}
