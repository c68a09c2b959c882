namespace Ballotline.Crypto.Group;

/// <summary>Strict hex decoding for fixed-length encodings, with errors that name what was being decoded.</summary>
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
