namespace Ballotline.Crypto.Group;

/// <summary>
/// Whether an exception means that libsecp256k1 could not be loaded on this platform. The runtime says so with
/// DllNotFoundException and its kin; Secp256k1.Net's own loader throws a plain <see cref="Exception"/>
/// ("Unsupported platform" or "Platform can be supported but … lib not found"). Either may come wrapped (in a type
/// initializer's exception, say), so the causes are looked through.
/// </summary>
internal static class NativeLibraryFailure
{
    public static bool Is(Exception e) => e switch
    {
        DllNotFoundException or BadImageFormatException or EntryPointNotFoundException => true,
        _ when e.GetType() == typeof(Exception) => e.Message.Contains("platform", StringComparison.OrdinalIgnoreCase),
        _ => e.InnerException is { } cause && Is(cause),
    };
}
