using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Ballotline.Crypto.Group;

/// <summary>
/// Arithmetic modulo n on secrets — a proof's response u − c·k, a fake branch's s = v + c·r, a polynomial's share, a
/// sum of nonces — in constant time, by libsecp256k1's scalar arithmetic (<c>secp256k1_ec_seckey_tweak_mul</c> and
/// <c>_tweak_add</c>, which compute on fixed-size limbs and select with <c>cmov</c>). <see cref="Scalar"/>'s operators
/// use BouncyCastle's <c>BigInteger</c>, whose multiplication and division take time that depends on the values: fine
/// for the public values a verifier computes with, not for these.
/// </summary>
/// <remarks>
/// libsecp256k1 refuses a zero operand or a zero result (a secret key is never 0), which honest randomness reaches
/// with probability 2^-256 and a test's scripted nonces at will; then BouncyCastle computes the same value, so the
/// answer is exact either way and only "was it zero" is visible.
/// </remarks>
internal static class SecretArithmetic
{
    /// <summary>a + b·c modulo n, in constant time in all three.</summary>
    public static Scalar MultiplyAdd(Scalar a, Scalar b, Scalar c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (!Libsecp256k1.IsAvailable || b.IsZero || c.IsZero)
        {
            return VariableTime(a, b, c);
        }

        var result = b.Encode();
        var tweak = c.Encode();
        try
        {
            var library = Libsecp256k1.Current;
            if (library.EcSeckeyTweakMul(result, tweak))
            {
                a.EncodeInto(tweak);
                if (library.EcSeckeyTweakAdd(result, tweak))
                {
                    OperationTrace.Record("secret-arithmetic");
                    return Scalar.FromCanonical(result);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(tweak);
        }

        CryptographicOperations.ZeroMemory(result);
        return VariableTime(a, b, c); // the sum is 0
    }

    /// <summary>a + b modulo n, in constant time in both.</summary>
    public static Scalar Add(Scalar a, Scalar b) => MultiplyAdd(a, b, Scalar.One);

    // The trace tells a test that a zero (or a missing library) sent the computation to BouncyCastle.
    private static Scalar VariableTime(Scalar a, Scalar b, Scalar c)
    {
        OperationTrace.Record("variable-time-arithmetic");
        return a + (b * c);
    }

    /// <summary>
    /// A small secret integer (a vote, an index into a range) as a scalar, its bytes written the same way whatever the
    /// value: <see cref="Scalar.FromInt64"/> reduces through BouncyCastle, whose time follows the value's length and sign.
    /// </summary>
    public static Scalar FromSmall(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var bytes = new byte[Scalar.EncodedLength];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(Scalar.EncodedLength - sizeof(int)), value);
        return Scalar.FromCanonical(bytes);
    }
}
