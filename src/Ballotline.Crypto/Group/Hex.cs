namespace Ballotline.Crypto.Group;

/// <summary>Strict, canonical (lower-case) hex decoding for fixed-length encodings, with errors that name what was being decoded.</summary>
internal static class Hex
{
    public static byte[] Decode(string? hex, int expectedBytes, string what)
    {
        if (hex is null)
        {
            throw new CryptoFormatException($"{what}.missing", $"The {what} is missing.");
        }

        if (hex.Length != expectedBytes * 2)
        {
            throw new CryptoFormatException($"{what}.length", $"A {what} must be {expectedBytes * 2} hex digits, not {hex.Length}.");
        }

        // One encoding per value: lower-case only, as written everywhere (a second spelling of the same bytes would
        // give the same ballot two texts, and a verifier comparing texts two answers).
        foreach (var c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                throw new CryptoFormatException($"{what}.hex", $"The {what} must be written in lower-case hex digits (0-9, a-f); found '{c}'.");
            }
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException e)
        {
            throw new CryptoFormatException($"{what}.hex", $"The {what} is not valid hex.", e);
        }
    }

    public static byte[] PadLeft(this byte[] bytes, int length)
    {
        if (bytes.Length == length)
        {
            return bytes;
        }

        var padded = new byte[length];
        bytes.CopyTo(padded, length - bytes.Length);
        return padded;
    }
}
