namespace Ballotline.Crypto;

/// <summary>
/// Raised when bytes, hex or JSON handed to the library are not a valid encoding of what was asked for.
/// <see cref="Check"/> names the check that failed, so callers can report it without parsing the message.
/// </summary>
public sealed class CryptoFormatException : Exception
{
    /// <summary>Input refused by the named check (<paramref name="check"/>), with the reason.</summary>
    public CryptoFormatException(string check, string message)
        : base(message) => Check = check;

    /// <summary>Input refused by the named check, with the reason and the error that revealed it.</summary>
    public CryptoFormatException(string check, string message, Exception inner)
        : base(message, inner) => Check = check;

    /// <summary>Input refused for an unnamed reason.</summary>
    public CryptoFormatException()
        : this("format", "The input is not a valid encoding.")
    {
    }

    /// <summary>Input refused, with the reason.</summary>
    public CryptoFormatException(string message)
        : this("format", message)
    {
    }

    /// <summary>Input refused, with the reason and the error that revealed it.</summary>
    public CryptoFormatException(string message, Exception inner)
        : this("format", message, inner)
    {
    }

    /// <summary>A short, stable name of the failed check, e.g. <c>point.on-curve</c>.</summary>
    public string Check { get; }
}
