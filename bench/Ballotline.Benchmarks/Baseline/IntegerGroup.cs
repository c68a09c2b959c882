using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace Ballotline.Benchmarks.Baseline;

/// <summary>
/// ElectionGuard 1.0's integer group, for comparison only: p is the published 4096-bit prime, q = 2^256 − 189,
/// r = (p − 1) / q and g = 2^r mod p. Arithmetic is System.Numerics.BigInteger.ModPow, as a straightforward
/// C# implementation would do it.
/// </summary>
internal static class IntegerGroup
{
    private const string PHex =
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF93C467E37DB0C7A4D1BE3F810152CB56A1CECC3AF65CC019" +
        "0C03DF34709AFFBD8E4B59FA03A9F0EED0649CCB621057D11056AE9132135A08E43B4673D74BAFEA58DEB878CC86D733DBE7BF38154B36CF" +
        "8A96D1567899AAAE0C09D4C8B6B7B86FD2A1EA1DE62FF8643EC7C271827977225E6AC2F0BD61C746961542A3CE3BEA5DB54FE70E63E6D09F" +
        "8FC28658E80567A47CFDE60EE741E5D85A7BD46931CED822036559496 4B839896FCAABCCC9B31959C083F22AD3EE591C32FAB2C7448F2A05" +
        "7DB2DB49EE52E0182741E53865F004CC8E704B7C5C40BF304C4D8C4F13EDF6047C555302D2238D8CE11DF2424F1B66C2C5D238D0744DB679" +
        "AF2890487031F9C0AEA1C4BB6FE9554EE528FDF1B05E5B256223B2F09215F3719F9C7CCC69DDF172D0D6234217FCC0037F18B93EF5389130" +
        "B7A661E5C26E54214068BBCAFEA32A67818BD3075AD1F5C7E9CC3D1737FB28171BAF84DBB6612B7881C1A48E439CD03A92BF52225A2B38E6" +
        "542E9F722BCE15A381B5753EA842763381CCAE83512B30511B32E5E8D80362149AD030AABA5F3A5798BB22AA7EC1B6D0F17903F4E234EA60" +
        "34AA85973F79A93FFB82A75C47C03D43D2F9CA02D03199BACEDDD45334DBC6B5FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";

    public static BigInteger P { get; } = Parse(PHex);

    public static BigInteger Q { get; } = BigInteger.Pow(2, 256) - 189;

    public static BigInteger G { get; } = BigInteger.ModPow(2, (P - 1) / Q, P);

    public static BigInteger RandomExponent()
    {
        Span<byte> bytes = stackalloc byte[40];
        RandomNumberGenerator.Fill(bytes);
        return new BigInteger(bytes, isUnsigned: true) % Q;
    }

    public static BigInteger Pow(BigInteger b, BigInteger e) => BigInteger.ModPow(b, ((e % Q) + Q) % Q, P);

    public static BigInteger Mul(BigInteger a, BigInteger b) => a * b % P;

    public static BigInteger Hash(params BigInteger[] values)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var v in values)
        {
            sha.AppendData(v.ToByteArray(isUnsigned: true, isBigEndian: true));
        }

        return new BigInteger(sha.GetHashAndReset(), isUnsigned: true, isBigEndian: true) % Q;
    }

    /// <summary>Subgroup membership, which an ElectionGuard verifier checks for every ciphertext component.</summary>
    public static bool InSubgroup(BigInteger x) => x > 0 && x < P && BigInteger.ModPow(x, Q, P).IsOne;

    private static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex.Replace(" ", string.Empty, StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
