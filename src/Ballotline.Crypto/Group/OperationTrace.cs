namespace Ballotline.Crypto.Group;

/// <summary>
/// The sequence of group operations on this thread, when a test asks for it: how the suite shows that every
/// secret scalar goes through <see cref="ConstantTime"/> and that encrypting one choice performs exactly the same
/// operations as encrypting another. Off (null) unless a test turns it on; the crypto code is synchronous, so a
/// thread-static trace sees one computation.
/// </summary>
internal static class OperationTrace
{
    [ThreadStatic]
    private static List<string>? t_operations;

    /// <summary>The group operations <paramref name="computation"/> performs on this thread, in order.</summary>
    public static List<string> Of(Action computation)
    {
        var trace = t_operations = [];
        try
        {
            computation();
            return trace;
        }
        finally
        {
            t_operations = null;
        }
    }

    public static void Record(string operation) => t_operations?.Add(operation);
}
