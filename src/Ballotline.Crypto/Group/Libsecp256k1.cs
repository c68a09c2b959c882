using Library = Secp256k1Net.Secp256k1;

namespace Ballotline.Crypto.Group;

/// <summary>
/// The native libsecp256k1 that Secp256k1.Net ships, one wrapper (and context) per thread: the library is
/// thread-safe on a const context, the wrapper is not documented to be. Both the constant-time operations on
/// secrets (<see cref="ConstantTime"/>) and the variable-time checks of public proofs (<see cref="NativeArithmetic"/>)
/// go through it.
/// </summary>
internal static class Libsecp256k1
{
    private static readonly ThreadLocal<Library> PerThread = new(() => new Library());

    // Secp256k1.Net ships the library for Windows, Linux (glibc and musl) and macOS on x64 and arm64 (and x86 on
    // Windows and Linux). Elsewhere the first call cannot load it.
    private static readonly Lazy<bool> Loaded = new(() =>
    {
        try
        {
            _ = PerThread.Value;
            return true;
        }
        catch (Exception e) when (NativeLibraryFailure.Is(e))
        {
            return false;
        }
    });

    /// <summary>Whether libsecp256k1 could be loaded on this platform.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <summary>This thread's wrapper; throws what the loader threw when the library is missing.</summary>
    public static Library Current => PerThread.Value!;

    /// <summary>The canonical 33-byte (SEC1 compressed) encoding of a point in libsecp256k1's 64-byte form.</summary>
    public static bool TryEncode(Library library, ReadOnlySpan<byte> publicKey, Span<byte> encoded)
    {
        nuint length = GroupElement.EncodedLength;
        return library.EcPubkeySerialize(encoded, ref length, publicKey, Secp256k1Net.Secp256k1EcFlags.Compressed)
            && length == GroupElement.EncodedLength;
    }
}
