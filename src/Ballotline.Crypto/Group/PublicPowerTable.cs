using Library = Secp256k1Net.Secp256k1;

namespace Ballotline.Crypto.Group;

/// <summary>
/// Multiples of one point that is raised to many public exponents — an election's key K, which every branch of
/// every range proof raises to its response — in libsecp256k1's 64-byte form: d·64^i·K for each base-64 digit
/// position i and digit d ≠ 0. K^v is then the sum of one entry per non-zero digit of v (at most 43), which
/// libsecp256k1 adds in one call (<c>secp256k1_ec_pubkey_combine</c>), about a third of the time of the ECDSA
/// recovery that computed it before (<see cref="NativeArithmetic"/>).
/// Variable time (which entries are read follows the exponent's digits): only for public exponents; secrets are
/// multiplied by <see cref="ConstantTime"/>. About 170 KB per key, built once per key in ~2,700 additions.
/// </summary>
internal sealed class PublicPowerTable
{
    private const int WindowBits = 6;
    private const int Windows = (256 + WindowBits - 1) / WindowBits; // 43; the last holds bits 252–255
    private const int Digits = (1 << WindowBits) - 1; // 63 non-zero digits per window

    // _multiples[i][d − 1] = d·64^i·K. The last window's digits stop at 15: an exponent is below n < 2^256.
    private readonly byte[][][] _multiples;

    private PublicPowerTable(byte[][][] multiples) => _multiples = multiples;

    /// <summary>The table for a base in native form (libsecp256k1 must be loaded: only its checks use the table).</summary>
    public static PublicPowerTable Build(ReadOnlySpan<byte> nativeBase)
    {
        var library = Libsecp256k1.Current;
        var multiples = new byte[Windows][][];
        var windowBase = nativeBase.ToArray(); // 64^i·K
        for (var i = 0; i < Windows; i++)
        {
            var count = i == Windows - 1 ? (1 << (256 - (WindowBits * i))) - 1 : Digits;
            multiples[i] = new byte[count][];
            multiples[i][0] = windowBase;
            for (var d = 1; d < count; d++)
            {
                multiples[i][d] = Sum(library, multiples[i][d - 1], windowBase); // (d + 1)·64^i·K
            }

            if (i < Windows - 1)
            {
                windowBase = Sum(library, multiples[i][Digits - 1], windowBase); // 63·64^i·K + 64^i·K = 64^(i+1)·K
            }
        }

        return new PublicPowerTable(multiples);
    }

    /// <summary>
    /// The entries whose sum is base^exponent (none for a zero exponent), followed by <paramref name="extra"/>: the
    /// arguments of one <c>secp256k1_ec_pubkey_combine</c> that gives base^exponent · extra.
    /// </summary>
    public byte[][] Terms(Scalar exponent, byte[] extra)
    {
        var bytes = exponent.Encode();
        Span<int> digits = stackalloc int[Windows];
        var nonZero = 0;
        for (var i = 0; i < Windows; i++)
        {
            digits[i] = Scalar.Digit(bytes, i, WindowBits);
            nonZero += digits[i] == 0 ? 0 : 1;
        }

        var terms = new byte[nonZero + 1][];
        var next = 0;
        for (var i = 0; i < Windows; i++)
        {
            if (digits[i] != 0)
            {
                terms[next++] = _multiples[i][digits[i] - 1];
            }
        }

        terms[next] = extra;
        return terms;
    }

    // P + Q for two valid points whose sum is not the identity (multiples of K below its order never are).
    private static byte[] Sum(Library library, byte[] p, byte[] q)
    {
        var sum = new byte[ConstantTime.NativeLength];
        if (!library.EcPubkeyCombine(sum, [p, q]))
        {
            throw new InvalidOperationException("libsecp256k1 could not add two multiples of the key.");
        }

        return sum;
    }
}
