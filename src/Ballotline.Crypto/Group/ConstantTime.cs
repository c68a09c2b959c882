using Native = Secp256k1Net.Secp256k1;

namespace Ballotline.Crypto.Group;

/// <summary>
/// Multiplication by a secret scalar in constant time, by libsecp256k1 — the C library Bitcoin Core uses,
/// shipped native for each platform in the Secp256k1.Net package: <c>secp256k1_ec_pubkey_create</c> (g^k, a
/// constant-time comb) and <c>secp256k1_ec_pubkey_tweak_mul</c> (P^k, a constant-time ladder). BouncyCastle's
/// multipliers branch and look up tables by the scalar's bits, so their timing depends on the secret; here the
/// sequence of operations and memory accesses does not. Every key, key share, encryption nonce and proof nonce
/// is multiplied here; variable-time BouncyCastle code is kept for public scalars (verification).
/// </summary>
internal static class ConstantTime
{
    /// <summary>g^k for a secret k.</summary>
    public static GroupElement GeneratorPower(Scalar secret)
    {
        OperationTrace.Record("secret-power");
        if (secret.IsZero)
        {
            return GroupElement.Identity;
        }

        var key = secret.Encode();
        try
        {
            return FromUncompressed(Native.CreatePublicKey(key, compressed: false));
        }
        catch (Exception e) when (NativeLibraryFailure.Is(e))
        {
            throw MissingLibrary(e);
        }
        finally
        {
            Array.Clear(key);
        }
    }

    /// <summary>P^k for a public point P and a secret k.</summary>
    public static GroupElement Power(GroupElement point, Scalar secret)
    {
        OperationTrace.Record("secret-power");
        if (point.IsIdentity || secret.IsZero)
        {
            return GroupElement.Identity;
        }

        var tweak = secret.Encode();
        try
        {
            return FromUncompressed(Native.TweakPublicKeyMul(point.EncodedSpan, tweak, compressed: false));
        }
        catch (Exception e) when (NativeLibraryFailure.Is(e))
        {
            throw MissingLibrary(e);
        }
        finally
        {
            Array.Clear(tweak);
        }
    }

    // Secp256k1.Net ships libsecp256k1 for Windows, Linux and macOS on x64 and arm64; elsewhere there is no
    // constant-time multiplier to fall back on, so the operation stops with a message that says why.
    private static PlatformNotSupportedException MissingLibrary(Exception e) => new(
        $"Ballotline multiplies secrets only in constant time, with libsecp256k1, which the Secp256k1.Net package does not provide for {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}. Run the server and the trustee tool on Windows, Linux or macOS (x64 or arm64); verifying a record does not need it.",
        e);

    // 65 bytes (0x04 ‖ x ‖ y) need no square root to decode, unlike the 33-byte form.
    private static GroupElement FromUncompressed(byte[] encoded) => new(Secp256k1.Curve.DecodePoint(encoded));
}
