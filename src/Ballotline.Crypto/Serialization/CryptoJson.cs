using System.Text.Json;
using System.Text.Json.Serialization;
using Ballotline.Crypto.Ballots;
using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.Serialization;

/// <summary>
/// The JSON form of ballots, proofs, commitments and decryptions (documented in docs/cryptography.md):
/// camelCase names, scalars and points as lower-case hex, no unknown or missing fields tolerated.
/// Every malformed input becomes a <see cref="CryptoFormatException"/> naming the check and the JSON path.
/// </summary>
public static class CryptoJson
{
    /// <summary>The JSON settings of every record this library writes (camel case, group elements and scalars as hexadecimal).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    /// <summary><see cref="Options"/>, indented for people.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(indented: true);

    // Reads points into libsecp256k1's form (for a ballot the server checks natively); writes as Options does.
    private static readonly JsonSerializerOptions NativeOptions = CreateOptions(indented: false, PublicArithmetic.Native);

    /// <summary>The value as JSON with <see cref="Options"/>.</summary>
    public static string Serialize<T>(T value, bool indented = false) => JsonSerializer.Serialize(value, indented ? IndentedOptions : Options);

    /// <summary>Reads JSON written with <see cref="Options"/>; malformed input is a <see cref="CryptoFormatException"/>.</summary>
    public static T Deserialize<T>(string json) => DeserializeWith<T>(json, Options);

    private static T DeserializeWith<T>(string json, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, options)
                ?? throw new CryptoFormatException("json.null", $"Expected a {typeof(T).Name}, found null.");
        }
        catch (JsonException e)
        {
            var check = e.InnerException is CryptoFormatException inner ? inner.Check : "json";
            var where = e.Path is null ? string.Empty : $" at {e.Path}";
            throw new CryptoFormatException(check, $"Invalid {typeof(T).Name} JSON{where}: {e.Message}", e);
        }
    }

    /// <summary>Reads an encrypted ballot (see <see cref="Deserialize{T}"/>): unknown or missing fields and malformed elements are refused.</summary>
    public static EncryptedBallot DeserializeBallot(string json) => Deserialize<EncryptedBallot>(json);

    /// <summary>
    /// <see cref="DeserializeBallot(string)"/> with its points checked by <paramref name="arithmetic"/>: the same
    /// ballots are refused either way; with <see cref="PublicArithmetic.Native"/> the points are held in
    /// libsecp256k1's form, ready for <see cref="BallotVerifier.Verify(Election.ElectionContext, EncryptedBallot, PublicArithmetic)"/>
    /// with that arithmetic.
    /// </summary>
    public static EncryptedBallot DeserializeBallot(string json, PublicArithmetic arithmetic) =>
        DeserializeWith<EncryptedBallot>(json, arithmetic == PublicArithmetic.Native ? NativeOptions : Options);

    private static JsonSerializerOptions CreateOptions(bool indented, PublicArithmetic arithmetic = PublicArithmetic.BouncyCastle)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,

            // Indented output is for files people read (test vectors, records), never for HTML pages.
            Encoder = indented ? System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            MaxDepth = 16,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new ScalarJsonConverter());
        options.Converters.Add(new GroupElementJsonConverter(arithmetic));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
